/**
 * Lab 5 support: clients that leave a last will (labs/lab05/last-will.ts) and what their
 * subscribers receive, in the words the will steps use.
 */
import { expect } from 'chai';
import { receivedOn } from '../sync/delivery';
import { LastWill, lastWillOptions } from '../../labs/lab05/last-will';
import { LabClient, ProtocolVersion } from '../clients/lab-client';
import { connectionClosedAt, letTimePassUntil, TimedMessage, waitForMessageBetween } from '../sync/protocol-clock';
import { PROMPTLY_MS } from '../sync/waiting';
import { LabWorld } from '../world/world';
import { AFTER_THE_BARRIER, expectNothingReceived } from '../sync/delivery-checks';
import { hex, reasonName } from './reason-codes';

export interface WillConnection {
  protocolVersion?: ProtocolVersion;
  /** MQTT 5: how long the broker keeps the session after the connection is lost. */
  sessionExpirySeconds?: number;
  keepaliveSeconds?: number;
}

/**
 * Connects a client that leaves `will` with the broker. The session expiry goes into the
 * client's own options, so a later reconnect of this client asks for the same session.
 */
export async function connectWithWill(world: LabWorld, name: string, will: LastWill, connection: WillConnection = {}): Promise<LabClient> {
  const { properties, ...willOptions } = lastWillOptions(will, connection.sessionExpirySeconds);
  const protocolVersion = (willOptions.protocolVersion ?? connection.protocolVersion ?? 4) as ProtocolVersion;
  const client = world.client(name, protocolVersion, properties ? { properties } : {});
  await client.connect(world.broker().url(), {
    ...willOptions,
    ...(connection.keepaliveSeconds !== undefined ? { keepalive: connection.keepaliveSeconds } : {}),
  });
  world.wills.set(name, will);
  return client;
}

/** The will a client of the scenario left with the broker. */
export function willLeftBy(world: LabWorld, name: string): LastWill {
  const will = world.wills.get(name);
  if (!will) throw new Error(`${name} connected without a will`);
  return will;
}

/** The client's will, as a predicate over received messages. */
export const isWillOf = (world: LabWorld, name: string) => {
  const will = willLeftBy(world, name);
  return (m: { topic: string; text: string }) => m.topic === will.topic && m.text === will.payload;
};


/**
 * A DISCONNECT with a reason code (MQTT 5). 0x00 "normal disconnection" makes the broker discard
 * the will; 0x04 "disconnect with will message" makes it publish the will all the same.
 */
export async function disconnectWithReason(client: LabClient, reasonCode: number, meaning: string): Promise<void> {
  expect(client.protocolVersion, 'a DISCONNECT reason code needs MQTT 5').to.equal(5);
  // The feature names the code as the spec does (3.14.2.1): the name must be the code's.
  const named = reasonName(reasonCode, 'DISCONNECT');
  if (named?.toLowerCase() !== meaning.toLowerCase()) throw new Error(`DISCONNECT reason code ${hex(reasonCode)} is "${named ?? 'not defined'}" in the spec, not "${meaning}"`);
  await new Promise<void>((resolve) => client.raw.end(false, { reasonCode }, () => resolve()));
  await client.waitForClose(PROMPTLY_MS);
}

/**
 * Reconnects to the session (clean start = false) before the will delay has passed, and checks
 * both: the broker resumed the session, and the delay had not yet run out.
 */
export async function comeBackWithinWillDelay(world: LabWorld, name: string): Promise<void> {
  const client = world.existingClient(name);
  const delayMs = (willLeftBy(world, name).delaySeconds ?? 0) * 1000;
  const lostAt = connectionClosedAt(client);
  const connack = await client.connect(world.broker().url(), { clean: false });
  const backAfterMs = Date.now() - lostAt;
  expect(connack.sessionPresent, 'CONNACK session present: the broker resumed the session').to.equal(true);
  expect(backAfterMs, `ms between the loss and the new CONNACK (the will delay is ${delayMs} ms)`).to.be.lessThan(delayMs);
}

/** The message arrives between `earliest` and `latest` seconds after `lostName`'s connection closed. */
export function expectMessageAfterLoss(
  world: LabWorld,
  name: string,
  payload: string,
  topic: string,
  lostName: string,
  earliestSeconds: number,
  latestSeconds: number,
): Promise<TimedMessage> {
  const lostAt = connectionClosedAt(world.existingClient(lostName));
  return waitForMessageBetween(
    world.existingClient(name),
    `"${payload}" on ${topic}`,
    receivedOn(topic, payload),
    lostAt,
    earliestSeconds * 1000,
    latestSeconds * 1000,
  );
}

/**
 * Nothing on `topic` by `seconds` after the loss: time passes until then (the will would be due
 * by that moment), then the barrier makes sure anything the broker sent before has arrived.
 */
export async function expectNothingAfterLoss(world: LabWorld, name: string, topic: string, lostName: string, seconds: number): Promise<void> {
  const lostAt = connectionClosedAt(world.existingClient(lostName));
  await letTimePassUntil(lostAt + seconds * 1000);
  await world.settle(name);
  const client = world.existingClient(name);
  expectNothingReceived(client, client.inbox.filter(receivedOn(topic)), `${seconds} s after the loss, and ${AFTER_THE_BARRIER}`);
}
