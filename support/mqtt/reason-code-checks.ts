/**
 * Checks on what the broker answered (a CONNACK, PUBACK, SUBACK or DISCONNECT code), failing
 * with both codes in hex and their spec names: "the broker answered the thermostat's publish of
 * "on" to home/living/lights with PUBACK 0x00 Success; the scenario expects PUBACK 0x87 Not
 * authorized", where chai would say "expected +0 to equal 135".
 */
import type { ProtocolVersion, QoS } from '../clients/lab-client';
import { theClient } from '../clients/client-history';
import { AckPacket, describeCode } from './reason-codes';

export interface Answer {
  /** What the broker answered, in the feature's words: "the thermostat's publish of "on" to a/b". */
  to: string;
  packet: AckPacket;
  /** The code it answered with; undefined when no such packet came. */
  actual: number | undefined;
  protocolVersion: ProtocolVersion;
}

/** Fails unless the broker's answer carried `expected`. */
export function expectCode(answer: Answer, expected: number): void {
  if (answer.actual === expected) return;
  const wanted = `${answer.packet} ${describeCode(expected, answer.packet, answer.protocolVersion)}`;
  if (answer.actual === undefined) throw new Error(`The broker sent no ${answer.packet} for ${answer.to}; the scenario expects ${wanted}.`);
  throw new Error(`The broker answered ${answer.to} with ${answer.packet} ${describeCode(answer.actual, answer.packet, answer.protocolVersion)}; the scenario expects ${wanted}.`);
}

/**
 * Fails unless the SUBACK granted the subscription to `filter` (at `qos`, when given). A code of
 * 0x80 or more is a refusal (0x87 Not authorized, 0x8F Topic Filter invalid, ...).
 */
export function expectGranted(client: { name: string; protocolVersion: ProtocolVersion }, filter: string, granted: number | undefined, qos?: QoS): void {
  const to = `${theClient(client.name)}'s subscription to ${filter}`;
  if (granted === undefined) throw new Error(`The broker sent no SUBACK for ${to}.`);
  if (granted >= 0x80) {
    throw new Error(`The broker refused ${to}: SUBACK ${describeCode(granted, 'SUBACK', client.protocolVersion)}; the scenario needs it granted${qos === undefined ? '' : ` at QoS ${qos}`}.`);
  }
  if (qos !== undefined && granted !== qos) throw new Error(`The broker granted ${to} at QoS ${granted}; the scenario expects QoS ${qos}.`);
}

/** The CONNACK of the client's latest connection attempt, as an answer to check. */
export function connackAnswer(client: { name: string; protocolVersion: ProtocolVersion; lastConnackCode: number | undefined }): Answer {
  return { to: `${theClient(client.name)}'s CONNECT`, packet: 'CONNACK', actual: client.lastConnackCode, protocolVersion: client.protocolVersion };
}
