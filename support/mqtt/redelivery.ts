/**
 * Lab 3 support: what the broker sends again when a durable session comes back with a QoS 2
 * handshake left half done [MQTT-4.4.0-1]. The handshake has two halves, and which one broke
 * decides what comes again:
 * - PUBREC lost: the broker never learnt that the client has the message, so it sends the
 *   PUBLISH again, with DUP = 1 [MQTT-3.3.1-1]. The client has not handed it to the application
 *   yet (MQTT.js does that when PUBREL comes), so the application still gets it once.
 * - PUBCOMP lost: the broker knows the client has the message (PUBREC came) and has sent
 *   PUBREL; it must not send the PUBLISH again [MQTT-4.3.3-1], only PUBREL. A broker that did
 *   would hand the application a second copy, which is what QoS 2 exists to prevent.
 * The checks read the client's packet trace of its latest connection.
 */
import { expect } from 'chai';
import type { IPublishPacket, Packet } from 'mqtt';
import { LabClient, TracedPacket } from '../clients/lab-client';
import { PROMPTLY_MS } from '../sync/waiting';

/** The trace of the client's latest connection: everything from its last CONNECT on. */
export function latestConnectionTrace(client: LabClient): TracedPacket[] {
  return client.trace.filter(afterLatestConnect(client));
}

/** True for packets traced after the client's latest CONNECT. */
function afterLatestConnect(client: LabClient): (t: TracedPacket) => boolean {
  const connect = client.trace.map((t) => t.direction === 'sent' && t.packet.cmd === 'connect').lastIndexOf(true);
  return (t) => client.trace.indexOf(t) > connect;
}

const isPublishOf = (payload: string) => (t: TracedPacket) =>
  t.direction === 'received' && t.packet.cmd === 'publish' && String((t.packet as IPublishPacket).payload) === payload;

/** The first PUBLISH of `payload` the broker sent the client, on any of its connections. */
export async function firstPublishOf(client: LabClient, payload: string): Promise<IPublishPacket> {
  const traced = await client.waitForPacket(`a PUBLISH of "${payload}"`, isPublishOf(payload));
  return traced.packet as IPublishPacket;
}

const lines = (traced: TracedPacket[]) => traced.map((t) => `${t.direction} ${t.packet.cmd.toUpperCase()}${(t.packet as { messageId?: number }).messageId ? ` id=${(t.packet as { messageId?: number }).messageId}` : ''}${(t.packet as { dup?: boolean }).dup ? ' dup' : ''}`).join(', ');

/** On its latest connection the client got the PUBLISH of `payload` again, with DUP set. */
export async function expectPublishResentWithDup(client: LabClient, payload: string): Promise<void> {
  const original = await firstPublishOf(client, payload);
  const fromConnect = afterLatestConnect(client);
  const again = await client
    .waitForPacket(`the PUBLISH of "${payload}" again after reconnecting`, (t) => fromConnect(t) && isPublishOf(payload)(t), PROMPTLY_MS)
    .catch(() => {
      throw new Error(`The broker did not send the PUBLISH of "${payload}" again on ${client.name}'s new connection; it sent: ${lines(latestConnectionTrace(client)) || 'nothing'}`);
    });
  const resent = again.packet as IPublishPacket;
  expect({ dup: resent.dup, messageId: resent.messageId }, `DUP flag and packet identifier of the resent PUBLISH (first sent with id ${original.messageId})`).to.deep.equal({ dup: true, messageId: original.messageId });
}

/**
 * On its latest connection the client got PUBREL for the message's packet identifier, and,
 * once `settled` (a barrier) has run, no PUBLISH of it.
 */
export async function expectPubrelResentWithoutPublish(client: LabClient, payload: string, settled: () => Promise<void>): Promise<void> {
  const original = await firstPublishOf(client, payload);
  const fromConnect = afterLatestConnect(client);
  await client
    .waitForPacket(`PUBREL id=${original.messageId} after reconnecting`, (t) => fromConnect(t) && t.direction === 'received' && t.packet.cmd === 'pubrel' && (t.packet as Packet & { messageId?: number }).messageId === original.messageId)
    .catch(() => {
      throw new Error(`The broker did not send PUBREL id=${original.messageId} again on ${client.name}'s new connection; it sent: ${lines(latestConnectionTrace(client)) || 'nothing'}`);
    });
  await settled();
  const publishes = latestConnectionTrace(client).filter(isPublishOf(payload));
  expect(publishes.length, `PUBLISH packets of "${payload}" on the new connection, after PUBREC had reached the broker (${lines(latestConnectionTrace(client))})`).to.equal(0);
}
