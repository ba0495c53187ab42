/**
 * What the broker answered when a client did something an ACL may forbid, read from the
 * client's packet trace, so a step asserts on the protocol artefact itself, not on how MQTT.js
 * wraps it. (Publish outcomes are recorded by support/publishing.ts.)
 */
import { ErrorWithReasonCode, ErrorWithSubackPacket, Packet } from 'mqtt';
import { LabClient, TracedPacket } from '../clients/lab-client';

type ISubscribePacket = Extract<Packet, { cmd: 'subscribe' }>;
type ISubackPacket = Extract<Packet, { cmd: 'suback' }>;

/**
 * The QoS (or failure code >= 0x80) the broker granted in the SUBACK for `filter`: find the
 * last SUBSCRIBE that asked for it, then the SUBACK with the same packet id.
 */
export function grantFor(client: LabClient, filter: string): number {
  const asked = (t: TracedPacket) =>
    t.direction === 'sent' && t.packet.cmd === 'subscribe' && (t.packet as ISubscribePacket).subscriptions.some((s) => s.topic === filter);
  const at = client.trace.map(asked).lastIndexOf(true);
  if (at === -1) throw new Error(`${client.name} never subscribed to ${filter}`);
  const request = client.trace[at].packet as ISubscribePacket;
  // Packet ids are reused, so only a SUBACK that came after this SUBSCRIBE answers it.
  const suback = client.trace.slice(at).find((t) => t.direction === 'received' && t.packet.cmd === 'suback' && t.packet.messageId === request.messageId);
  if (!suback) throw new Error(`${client.name} got no SUBACK for its subscription to ${filter}`);
  const index = request.subscriptions.findIndex((s) => s.topic === filter);
  return (suback.packet as ISubackPacket).granted[index] as number;
}

/**
 * How MQTT.js tells the application that the broker refused something: an ErrorWithReasonCode
 * whose `code` is the CONNACK return code (3.1.1) or reason code (5). It arrives as the
 * client's 'error' event (for CONNACK) or as the error of a publish callback (for PUBACK).
 */
export function reasonCodeErrors(client: LabClient): ErrorWithReasonCode[] {
  return client.errors.map((e) => e.error).filter((e): e is ErrorWithReasonCode => e instanceof ErrorWithReasonCode);
}

/**
 * A SUBSCRIBE whose refusal is the outcome to judge (labs 17 and 18: SUBACK 0x80 / 0x87). MQTT.js
 * (5.x) rejects subscribeAsync with an ErrorWithSubackPacket when the SUBACK refuses a filter; the
 * SUBACK itself is in the client's packet trace, where grantFor reads it.
 */
export async function refusableSubscribe(client: LabClient, filter: string): Promise<void> {
  try {
    await client.subscribe(filter, { qos: 0 });
  } catch (error) {
    if (!(error instanceof ErrorWithSubackPacket)) throw error;
  }
}
