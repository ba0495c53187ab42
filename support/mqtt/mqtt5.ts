/**
 * Lab 7 support: MQTT 5 features (shared subscriptions, user properties, message expiry, topic
 * aliases) in the words the steps use. The patterns a learner copies live in labs/lab07; this
 * module applies them to the scenario's named clients and checks the protocol artefacts.
 */
import { expect } from 'chai';
import type { IClientPublishOptions, IPublishPacket } from 'mqtt';
import { writeToStream } from 'mqtt-packet';
import { sharedFilter } from '../../labs/lab07/shared-subscription';
import { AliasedTopicPublisher, topicAliasMaximumOf } from '../../labs/lab07/topic-alias';
import { fromMqttJsUserProperties, toMqttJsUserProperties, UserProperty } from '../../labs/lab07/user-properties';
import { LabClient, QoS, ReceivedMessage, WirePacket } from '../clients/lab-client';
import { receivedOn } from '../sync/delivery';
import { publishOrFail } from './publishing';
import { LabWorld } from '../world/world';
import { expectGranted } from './reason-code-checks';
import { AFTER_THE_BARRIER } from '../sync/delivery-checks';
import { theClient } from '../clients/client-history';
import { expectDealtInTurn } from './shared-turns';

// --- Shared subscriptions --------------------------------------------------------------------

/** Subscribes the client to `$share/<group>/<filter>` at QoS 1 (labs/lab07/shared-subscription.ts). */
export async function joinShareGroup(world: LabWorld, name: string, group: string, filter: string, qos: QoS = 1): Promise<void> {
  const client = await world.connectedClient(name, 5);
  const [grant] = await client.subscribe(sharedFilter(group, filter), { qos });
  expectGranted(client, sharedFilter(group, filter), grant?.qos, qos);
}

/** What each member got on `topic`, after the barrier: nothing still in flight is missed. */
async function inboxesAfterBarrier(world: LabWorld, names: string[], topic: string): Promise<Map<string, string[]>> {
  await world.settle(...names);
  return new Map(names.map((name) => [name, world.existingClient(name).inbox.filter(receivedOn(topic)).map((m) => m.text)]));
}

/**
 * The shared-subscription property: together the members got every payload exactly once,
 * each member got at least one (the broker really split the work), and they got them in turn.
 */
export async function expectSplitBetween(world: LabWorld, names: string[], topic: string, payloads: string[]): Promise<void> {
  const inboxes = await inboxesAfterBarrier(world, names, topic);
  const together = [...inboxes.values()].flat();
  const report = [...inboxes].map(([name, got]) => `\n  ${theClient(name)} received: ${got.length ? got.map((p) => JSON.stringify(p)).join(', ') : 'nothing'}`).join('');
  if ([...together].sort().join('\n') !== [...payloads].sort().join('\n')) {
    throw new Error(
      `The members of the share group did not receive each message on ${topic} exactly once between them (${AFTER_THE_BARRIER}).` +
        `\n  expected: ${payloads.map((p) => JSON.stringify(p)).join(', ')}${report}`,
    );
  }
  for (const [name, got] of inboxes) {
    if (got.length === 0) throw new Error(`${theClient(name)} received none of the messages on ${topic}: the broker did not share them out.${report}`);
  }
  expectDealtInTurn(payloads, inboxes);
}

// --- Message properties ----------------------------------------------------------------------

/** A DataTable of name | value rows as user property pairs, in table order. */
export function userPropertyPairs(rows: string[][]): UserProperty[] {
  return rows.map(([name, value]) => [name, value] as const);
}

export async function publishWithProperties(
  world: LabWorld,
  name: string,
  topic: string,
  payload: string,
  properties: NonNullable<IClientPublishOptions['properties']>,
  { qos = 1, retain = false }: { qos?: QoS; retain?: boolean } = {},
): Promise<void> {
  const client = await world.connectedClient(name, 5);
  const sentAt = Date.now();
  // At QoS 1 the step ends once the broker has the message (and, for expiry, started its clock).
  await publishOrFail(client, topic, payload, { qos, retain, properties });
  if (properties.messageExpiryInterval !== undefined) {
    world.outcomes.expiringPublishes.set(messageKey(topic, payload), { intervalSeconds: properties.messageExpiryInterval, sentAt, acknowledgedAt: Date.now() });
  }
}

// --- Message expiry ----------------------------------------------------------------------------

const messageKey = (topic: string, payload: string) => `${topic}\n${payload}`;

/**
 * The message arrives with the lifetime it has LEFT [MQTT-3.3.2-6]: the published interval less
 * the seconds it waited in the broker. Mosquitto counts in whole seconds of its clock (it stores
 * "now + interval" and sends "that - now"), so the time the message waited is known only to
 * within whole seconds:
 * - at least floor(from its PUBACK to the subscriber's CONNECT) seconds passed on the broker,
 * - at most ceil(from sending the PUBLISH to receiving it again).
 * Only a counted-down value fits: a broker that forwards the original interval fails as soon
 * as the message waited a full second.
 */
export async function expectCountedDownExpiry(world: LabWorld, name: string, payload: string, topic: string): Promise<void> {
  const published = world.outcomes.expiringPublishes.get(messageKey(topic, payload));
  if (!published) throw new Error(`"${payload}" on ${topic} was not published with a message expiry in this scenario`);
  const client = world.existingClient(name);
  const message = await waitForMessage(world, name, payload, topic);
  const receivedAt = client.createdAt + message.at;
  const connect = client.trace.filter((t) => t.direction === 'sent' && t.packet.cmd === 'connect' && client.createdAt + t.at <= receivedAt).at(-1);
  if (!connect) throw new Error(`${name} received "${payload}" without having connected`);
  const queuedAtLeast = Math.floor((client.createdAt + connect.at - published.acknowledgedAt) / 1000);
  const queuedAtMost = Math.ceil((receivedAt - published.sentAt) / 1000);
  const { intervalSeconds } = published;
  expect(
    message.properties?.messageExpiryInterval,
    `Message Expiry Interval on delivery: published with ${intervalSeconds} s, then queued for ${queuedAtLeast} to ${queuedAtMost} whole seconds`,
  )
    .to.be.a('number')
    .within(intervalSeconds - queuedAtMost, intervalSeconds - queuedAtLeast);
  if (queuedAtLeast < 1) throw new Error(`"${payload}" waited less than a second in the queue: nothing was counted down that the check could see`);
}

export function publishWithUserProperties(world: LabWorld, name: string, topic: string, payload: string, pairs: UserProperty[]): Promise<void> {
  return publishWithProperties(world, name, topic, payload, { userProperties: toMqttJsUserProperties(pairs) });
}

/** The user properties of a received message as pairs (see labs/lab07/user-properties.ts). */
export function receivedUserProperties(message: ReceivedMessage): UserProperty[] {
  return fromMqttJsUserProperties(message.properties?.userProperties);
}

/**
 * The PUBLISH that brought `payload` had no properties section on the wire. For an MQTT 3.1.1
 * client, "message.properties is empty" would prove nothing: MQTT.js never parses properties
 * for 3.1.1, a property section would just end up in front of the payload. So the check counts
 * the bytes the socket read: the Remaining Length must be exactly topic (2 + its length) +
 * packet id (2, QoS 1 and 2) + the payload that was published, leaving no room for even the
 * 1-byte property length an MQTT 5 PUBLISH always has.
 */
export function expectNoPropertiesOnTheWire(client: LabClient, topic: string, payload: string): void {
  const received = client.wire.find(
    (w) => w.direction === 'received' && w.packet.cmd === 'publish' && (w.packet as IPublishPacket).topic === topic,
  );
  if (!received) throw new Error(`${client.name} read no PUBLISH on ${topic} from its socket`);
  const packet = received.packet as IPublishPacket;
  const expected = 2 + Buffer.byteLength(topic) + (packet.qos > 0 ? 2 : 0) + Buffer.byteLength(payload);
  expect(
    received.remainingLength,
    `Remaining Length of the PUBLISH on the wire: topic ${2 + Buffer.byteLength(topic)} + packet id ${packet.qos > 0 ? 2 : 0} + payload "${payload}" ${Buffer.byteLength(payload)} bytes, no properties`,
  ).to.equal(expected);
}

export function waitForMessage(world: LabWorld, name: string, payload: string, topic: string): Promise<ReceivedMessage> {
  return world.existingClient(name).waitForPayload(payload, topic);
}

// --- Topic aliases ---------------------------------------------------------------------------

/** The Topic Alias Maximum of the client's last CONNACK. */
export function announcedTopicAliasMaximum(client: LabClient): number {
  if (!client.lastConnack) throw new Error(`${client.name} has no CONNACK yet`);
  return topicAliasMaximumOf(client.lastConnack);
}

/**
 * Publishes each payload through an alias with labs/lab07/topic-alias.ts and returns the PUBLISH
 * packets as they crossed the wire: re-parsed from the bytes the socket wrote, with their size.
 * Not the packet objects MQTT.js was handed, which say what the code meant to send.
 */
export async function publishThroughAlias(world: LabWorld, name: string, topic: string, alias: number, payloads: string[]): Promise<WirePacket[]> {
  const client = await world.connectedClient(name, 5);
  const from = client.wire.length;
  const publisher = new AliasedTopicPublisher(client.raw, topic, alias, announcedTopicAliasMaximum(client));
  for (const payload of payloads) await publisher.publish(payload, { qos: 1 });
  return client.wire.slice(from).filter((w) => w.direction === 'sent' && w.packet.cmd === 'publish');
}

/**
 * Asks MQTT.js to publish through `alias` at QoS 0 and returns its error. (At QoS 0 MQTT.js
 * hands the error to the callback; at QoS 1 it drops it and never calls back.)
 */
export async function mqttJsRefusalOfAlias(client: LabClient, topic: string, alias: number): Promise<Error | undefined> {
  const from = client.trace.length;
  const outcome = await client.publish(topic, 'never sent', { qos: 0, properties: { topicAlias: alias } });
  const sent = client.trace.slice(from).filter((t) => t.direction === 'sent' && t.packet.cmd === 'publish');
  expect(sent.length, `MQTT.js sent a PUBLISH with alias ${alias}, so the CONNACK allowed it (Topic Alias Maximum ${announcedTopicAliasMaximum(client)})`).to.equal(0);
  return outcome.error;
}

/**
 * Writes a PUBLISH straight to the client's socket with mqtt-packet, past MQTT.js's own
 * checks: how a buggy or hostile client would send an alias the broker never allowed. The
 * packet is announced as 'packetsend' so that it shows in the client's trace.
 */
export function writePublishPastMqttJs(client: LabClient, packet: Omit<IPublishPacket, 'cmd' | 'dup' | 'retain'>): void {
  const publish: IPublishPacket = { cmd: 'publish', dup: false, retain: false, ...packet };
  client.raw.emit('packetsend', publish);
  writeToStream(publish, client.raw.stream, { protocolVersion: 5 });
}

/**
 * Every PUBLISH the client read from its socket on `topic` carried the topic in full and no
 * Topic Alias property. The check reads the wire, not MQTT.js's message event: MQTT.js resolves
 * an incoming alias to its topic before the application sees it, so an aliased delivery would
 * look the same there.
 */
export function expectNoAliasesReceived(client: LabClient, topic: string): void {
  const publishes = client.wire.filter((w) => w.direction === 'received' && w.packet.cmd === 'publish').map((w) => w.packet as IPublishPacket);
  expect(publishes.length, `PUBLISH packets ${client.name} read from its socket`).to.be.greaterThan(0);
  const seen = publishes.map((p) => ({ topic: p.topic, topicAlias: p.properties?.topicAlias }));
  expect(seen, `topic and Topic Alias of each PUBLISH ${client.name} read from its socket`).to.deep.equal(publishes.map(() => ({ topic, topicAlias: undefined })));
}
