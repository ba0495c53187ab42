/**
 * Lab 7 support: MQTT 5 flow control (spec 4.9) and packet size limits (3.1.2.11.4, 3.2.2.3.6).
 * Both sides announce what they can take: Receive Maximum (how many QoS 1/2 messages may wait
 * for their acknowledgement at once) and Maximum Packet Size. The checks read the packets as
 * they crossed the wire (LabClient.wire, re-parsed from the socket's bytes), because what
 * matters is what the peer really sent, not what a library meant to send.
 */
import { expect } from 'chai';
import type { IConnackPacket, IPublishPacket } from 'mqtt';
import { LabClient, WirePacket } from '../clients/lab-client';
import { RawConnection } from './raw-connection';
import { AckPacket, describeCode } from './reason-codes';

/**
 * The most QoS 1 messages the client ever had unacknowledged on its latest connection: +1 for
 * each QoS 1 PUBLISH read from the socket, -1 for each PUBACK written for it.
 */
export function mostUnacknowledgedInFlight(client: LabClient): { most: number; story: string } {
  const connect = client.wire.map((w) => w.direction === 'sent' && w.packet.cmd === 'connect').lastIndexOf(true);
  const inFlight = new Set<number>();
  let most = 0;
  const story: string[] = [];
  for (const w of client.wire.slice(connect + 1)) {
    const id = (w.packet as { messageId?: number }).messageId;
    if (w.direction === 'received' && w.packet.cmd === 'publish' && (w.packet as IPublishPacket).qos === 1 && id !== undefined) {
      inFlight.add(id);
      story.push(`PUBLISH ${id} in`);
    } else if (w.direction === 'sent' && w.packet.cmd === 'puback' && id !== undefined) {
      inFlight.delete(id);
      story.push(`PUBACK ${id} out`);
    }
    most = Math.max(most, inFlight.size);
  }
  return { most, story: story.join(', ') };
}

/** A payload of exactly `bytes` bytes that says what it is: "report .........". */
export function reportOfSize(bytes: number): string {
  return 'report '.padEnd(bytes, '.').slice(0, bytes);
}

/** The packets the client read from its socket that were larger than `limit` bytes. */
export function packetsLargerThan(client: LabClient, limit: number): WirePacket[] {
  return client.wire.filter((w) => w.direction === 'received' && w.bytes > limit);
}

/** The CONNACK of a hand-written connection, or a failure that lists what did come. */
export async function connackOf(connection: RawConnection): Promise<IConnackPacket> {
  return connection.waitForPacket<IConnackPacket>('a CONNACK', (p) => p.cmd === 'connack');
}

/**
 * Writes `count` QoS 2 PUBLISH packets (ids 1..count) and never the PUBREL that would finish
 * them, so each stays in flight on the broker's side; returns the PUBREC reason codes in
 * packet id order, once all are back and the connection has done a round trip.
 */
export async function unfinishedQos2Publishes(connection: RawConnection, topic: string, count: number): Promise<number[]> {
  for (let messageId = 1; messageId <= count; messageId++) {
    connection.send({ cmd: 'publish', topic, payload: Buffer.from(`reading ${messageId}`), qos: 2, messageId, dup: false, retain: false });
  }
  const pubrecs = () => connection.received.filter((p) => p.cmd === 'pubrec') as { messageId: number; reasonCode?: number }[];
  await connection.waitForPacket(`${count} PUBRECs`, () => pubrecs().length >= count);
  // The broker answers in order; a round trip shows it has nothing more to say about them.
  await connection.roundTrip();
  return [...pubrecs()].sort((a, b) => a.messageId - b.messageId).map((p) => p.reasonCode ?? 0);
}

/** The reason codes of `packet`s as a list: "0x00 Success, 0x97 Quota exceeded". */
const inWords = (codes: number[], packet: AckPacket) => codes.map((c) => describeCode(c, packet)).join(', ') || '(none)';

export function expectReasonCodes(what: string, packet: AckPacket, got: number[], expected: number[], context = ''): void {
  expect(got, `${what}: ${packet} ${inWords(got, packet)}; expected ${inWords(expected, packet)}${context ? `. ${context}` : ''}`).to.deep.equal(expected);
}
