/**
 * Publishing on behalf of a scenario client, remembering the last publish so that later steps
 * can look at its outcome (the PUBACK reason code) and at the packets of its QoS handshake.
 */
import { IClientPublishOptions, Packet } from 'mqtt';
import { LabClient, PublishOutcome, QoS } from '../clients/lab-client';
import { theClient } from '../clients/client-history';
import { Answer } from './reason-code-checks';
import { LabWorld } from '../world/world';
import { describeCode } from './reason-codes';
import type { PublishRecord } from '../world/step-outcomes';

export type { PublishRecord } from '../world/step-outcomes';

export async function publishAndRecord(
  world: LabWorld,
  name: string,
  topic: string,
  payload: string | Buffer,
  options: IClientPublishOptions,
  /** How long the acknowledgement may take; LabClient.publish's default (PROMPTLY_MS) unless said. */
  ackTimeoutMs?: number,
): Promise<PublishRecord> {
  const client = await world.connectedClient(name);
  const from = client.trace.length;
  const outcome = await client.publish(topic, payload, options, ackTimeoutMs);
  const record: PublishRecord = { client: name, topic, payload, qos: options.qos ?? 0, protocolVersion: client.protocolVersion, outcome, packets: () => client.trace.slice(from) };
  world.outcomes.lastPublish = record;
  return record;
}

/** Turns a publish the broker refused or never acknowledged into a step failure that says why. */
export function expectPublished(who: string, payload: string | Buffer, topic: string, outcome: PublishOutcome): void {
  if (!outcome.error) return;
  if (outcome.reasonCode >= 0x80) {
    throw new Error(`The broker refused the ${who}'s publish of "${payload}" to ${topic}: reason code ${describeCode(outcome.reasonCode, 'PUBACK')}.`);
  }
  throw new Error(`The ${who}'s publish of "${payload}" to ${topic} failed: ${outcome.error.message}`);
}

/** Publishes and fails the step unless the QoS handshake ended successfully. */
export async function publishOrFail(client: LabClient, topic: string, payload: string, options: IClientPublishOptions): Promise<void> {
  expectPublished(client.name, payload, topic, await client.publish(topic, payload, options));
}

/**
 * Publishes the payloads one after the other. At QoS 1 each publish waits for its PUBACK, so the
 * broker has routed message n before message n+1 leaves: the order is the order of the list.
 */
export async function publishAll(world: LabWorld, name: string, topic: string, payloads: string[], qos: QoS): Promise<void> {
  const publisher = await world.connectedClient(name);
  for (const payload of payloads) await publishOrFail(publisher, topic, payload, { qos });
}

/** The scenario's last publish; with `name`, it must be that client's. */
export function lastPublish(world: LabWorld, name?: string): PublishRecord {
  const record = world.outcomes.lastPublish;
  if (!record) throw new Error('No client has published yet in this scenario');
  if (name !== undefined && record.client !== name) throw new Error(`The last publish of the scenario was ${theClient(record.client)}'s, not ${theClient(name)}'s`);
  return record;
}

/** "the thermostat's publish of "on" to home/living/lights at QoS 1": a publish in the feature's words. */
export const publishInWords = (record: PublishRecord): string =>
  `${theClient(record.client)}'s publish of ${JSON.stringify(String(record.payload))} to ${record.topic} at QoS ${record.qos}`;

/** What the broker answered the publish: the PUBACK (QoS 1) or PUBREC (QoS 2) and its reason code. */
export function publishAnswer(record: PublishRecord): Answer {
  const packet = record.qos === 2 ? 'PUBREC' : 'PUBACK';
  const ack = record.packets().find((t) => t.direction === 'received' && t.packet.cmd === packet.toLowerCase());
  return {
    to: publishInWords(record),
    packet,
    actual: ack ? ((ack.packet as { reasonCode?: number }).reasonCode ?? 0) : undefined,
    protocolVersion: record.protocolVersion,
  };
}

/** Fails unless the publish took exactly the packets `expected` ("PUBLISH, PUBACK"). */
export function expectHandshake(record: PublishRecord, expected: string): void {
  const took = handshakeOf(record);
  if (took !== expected) throw new Error(`${publishInWords(record)} took the packets ${took || 'none'}; the scenario expects ${expected}.`);
}

const HANDSHAKE = new Set(['publish', 'puback', 'pubrec', 'pubrel', 'pubcomp']);

/**
 * The QoS handshake of the last publish as seen by its publisher: "PUBLISH, PUBREC, PUBREL,
 * PUBCOMP". Only packets of that message id count (other traffic may interleave).
 */
export function handshakeOf(record: PublishRecord): string {
  const packets = record.packets().filter((t) => HANDSHAKE.has(t.packet.cmd));
  const first = packets.find((t) => t.direction === 'sent' && t.packet.cmd === 'publish');
  if (!first) return '';
  const messageId = (first.packet as Packet & { messageId?: number }).messageId;
  return packets
    .filter((t) => t === first || (messageId !== undefined && (t.packet as Packet & { messageId?: number }).messageId === messageId))
    .filter((t) => t === first || t.packet.cmd !== 'publish')
    .map((t) => t.packet.cmd.toUpperCase())
    .join(', ');
}
