/**
 * Lab 7 support: a client that sends no client id [MQTT-3.1.3-6]. In MQTT 5 the broker tells it
 * the id it made up (CONNACK Assigned Client Identifier [MQTT-3.1.3-7]), so, unlike in 3.1.1,
 * such a client may ask to keep its session (Clean Start 0, a Session Expiry Interval) and come
 * back to it later under that id. MQTT.js refuses an empty id with `clean: false` for every
 * protocol version ("Missing clientId for unclean clients"), so the CONNECT is written by hand.
 */
import { expect } from 'chai';
import type { IConnackPacket } from 'mqtt';
import { connackOf } from './flow-control';
import { connectBytes } from './raw-connection';
import { describeCode } from './reason-codes';
import { LabWorld } from '../world/world';

export async function connectWithoutIdKeepingSession(world: LabWorld, name: string, sessionExpiryInterval: number): Promise<void> {
  const connection = await world.openRawConnection(name, 5);
  const { bytes, text } = connectBytes({ clientId: '', protocolVersion: 5, clean: false, properties: { sessionExpiryInterval } });
  connection.sendBytes(bytes, text);
  world.outcomes.assignedIdRequest = { sessionExpiryInterval };
}

/** The CONNACK accepted, named an id, and (a new session) said session present 0. */
export async function expectAssignedIdentifier(world: LabWorld, name: string): Promise<IConnackPacket> {
  const connection = world.rawConnection(name);
  const connack = await connackOf(connection);
  const code = connack.reasonCode ?? 0;
  expect(code, `${name}'s CONNACK said ${describeCode(code, 'CONNACK')}. ${connection.transcript()}`).to.equal(0);
  expect(connack.properties?.assignedClientIdentifier, `CONNACK property Assigned Client Identifier. ${connection.transcript()}`).to.be.a('string').and.not.equal('');
  expect(connack.sessionPresent, 'CONNACK session present (a new session)').to.equal(false);
  return connack;
}

/**
 * The hand-written connection says goodbye (DISCONNECT, so the session outlives it), and the
 * client connects again with MQTT.js under the assigned id, Clean Start 0 and the same expiry:
 * the broker finds the session (session present 1).
 */
export async function comeBackUnderAssignedIdentifier(world: LabWorld, name: string): Promise<void> {
  const connection = world.rawConnection(name);
  const assigned = (await connackOf(connection)).properties!.assignedClientIdentifier!;
  const request = world.outcomes.assignedIdRequest;
  if (!request) throw new Error(`${name} did not connect without a client id in this scenario`);
  const { sessionExpiryInterval } = request;
  connection.send({ cmd: 'disconnect' });
  await connection.waitForClose();
  const client = world.client(name, 5, { clientId: assigned, properties: { sessionExpiryInterval } });
  const connack = await client.connect(world.broker().url(), { clean: false });
  expect(connack.sessionPresent, `session present when ${name} came back as "${assigned}" with Clean Start 0`).to.equal(true);
}
