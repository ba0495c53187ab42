/**
 * Steps about connections: who may connect, with which protocol version and options, and what
 * the CONNACK says (return code, session present).
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import type { IConnackPacket, IConnectPacket } from 'mqtt-packet';
import { ProtocolVersion } from '../support/clients/lab-client';
import { connectBytes } from '../support/mqtt/raw-connection';
import { describeReasonCode } from '../support/mqtt/reason-codes';
import { expectClosedWithoutAnswer, mqttJsRefusalOfEmptyIdForDurableSession, sendSecondConnect } from '../support/mqtt/connect-rules';
import { LabWorld } from '../support/world/world';

function connackCode(world: LabWorld, name: string): number {
  const code = world.existingClient(name).lastConnackCode;
  if (code === undefined) throw new Error(`${name} got no CONNACK`);
  return code;
}

Given('{client} is connected', async function (this: LabWorld, name: string) {
  await this.connect(name);
});

Given('{client} is connected with {protocol}', async function (this: LabWorld, name: string, protocolVersion: ProtocolVersion) {
  await this.connect(name, { protocolVersion });
});

When('{client} connects anonymously with {protocol}', async function (this: LabWorld, name: string, protocolVersion: ProtocolVersion) {
  await this.tryToConnect(name, { protocolVersion });
});

When(
  '{client} connects with a clean session and a keepalive of {int} seconds',
  async function (this: LabWorld, name: string, keepalive: number) {
    await this.tryToConnect(name, { clientOptions: { clean: true, keepalive } });
  },
);

Then(
  'the broker accepts the CONNECT with clean session {int} and keepalive {int} that {client} sent, without a session present',
  function (this: LabWorld, clean: number, keepalive: number, name: string) {
    const client = this.existingClient(name);
    // The CONNECT as it crossed the wire, re-parsed from the socket's bytes: what the broker got.
    const connect = client.wire.filter((w) => w.direction === 'sent' && w.packet.cmd === 'connect').at(-1)?.packet as IConnectPacket | undefined;
    expect(connect, `a CONNECT written by ${name}`).to.not.equal(undefined);
    expect({ clean: connect!.clean ? 1 : 0, keepalive: connect!.keepalive }, 'clean session and keepalive in the CONNECT on the wire').to.deep.equal({ clean, keepalive });
    expect(connackCode(this, name), `${name}'s CONNACK code`).to.equal(0);
    expect(client.lastConnack?.sessionPresent, 'CONNACK session present').to.equal(false);
  },
);

When('{client} connects with MQTT 5 without a client id', async function (this: LabWorld, name: string) {
  // An empty client id asks the broker to make one up (MQTT 5 only sends it back to us).
  await this.tryToConnect(name, { protocolVersion: 5, clientOptions: { clientId: '', clean: true } });
});

Then('the broker tells {client} the client id it assigned', function (this: LabWorld, name: string) {
  const assigned = this.existingClient(name).lastConnack?.properties?.assignedClientIdentifier;
  expect(assigned, 'CONNACK property "assigned client identifier"').to.be.a('string').and.not.equal('');
});

Then('the broker refuses {client} with CONNACK code {code}', function (this: LabWorld, name: string, code: number) {
  const got = connackCode(this, name);
  const version = this.existingClient(name).protocolVersion;
  expect(got, `${name}'s CONNACK said ${describeReasonCode(got, version)}; expected ${describeReasonCode(code, version)}`).to.equal(code);
  expect(this.existingClient(name).isConnected).to.equal(false);
});

Then('the broker accepts {client}', function (this: LabWorld, name: string) {
  expect(connackCode(this, name), `${name}'s CONNACK code`).to.equal(0);
  expect(this.existingClient(name).isConnected).to.equal(true);
});

Given('{client} has a durable session', async function (this: LabWorld, name: string) {
  // MQTT 3.1.1: clean session = false with a fixed client id keeps subscriptions and queued
  // messages on the broker while the client is away.
  await this.connect(name, { clientOptions: { clean: false } });
});

When('{client} reconnects to its durable session', async function (this: LabWorld, name: string) {
  await this.existingClient(name).connect(this.broker().url(), { clean: false });
});

Then('the broker reports that it kept a session for {client}', function (this: LabWorld, name: string) {
  expect(this.existingClient(name).lastConnack?.sessionPresent, 'CONNACK session present').to.equal(true);
});

Then('the broker reports that it kept no session for {client}', function (this: LabWorld, name: string) {
  expect(this.existingClient(name).lastConnack?.sessionPresent, 'CONNACK session present').to.equal(false);
});

Then('{client} is still connected', async function (this: LabWorld, name: string) {
  // The barrier first: a broker that meant to close the connection has done so by then.
  await this.settle();
  expect(this.existingClient(name).isConnected, `${name} is connected`).to.equal(true);
});

When('{client} disconnects', async function (this: LabWorld, name: string) {
  await this.existingClient(name).disconnect();
});

When("{client}'s connection drops", async function (this: LabWorld, name: string) {
  await this.existingClient(name).dropConnection();
});

// --- CONNECT packets MQTT.js will not send (written by hand, support/mqtt/raw-connection.ts) ---

When('{client} writes a CONNECT with protocol level {int} by hand', async function (this: LabWorld, name: string, level: number) {
  const connection = await this.openRawConnection(name, 4);
  const { bytes, text } = connectBytes({ clientId: connection.name.replace(/\W+/g, '-'), protocolVersion: 4, clean: true, protocolLevel: level });
  connection.sendBytes(bytes, text);
});

When('{client} writes a CONNECT with the protocol name {string} by hand', async function (this: LabWorld, name: string, protocolName: string) {
  const connection = await this.openRawConnection(name, 4);
  const { bytes, text } = connectBytes({ clientId: connection.name.replace(/\W+/g, '-'), protocolVersion: 4, clean: true, protocolName });
  connection.sendBytes(bytes, text);
});

When('{client} writes an MQTT 3.1.1 CONNECT without a client id and with clean session 0 by hand', async function (this: LabWorld, name: string) {
  const connection = await this.openRawConnection(name, 4);
  const { bytes, text } = connectBytes({ clientId: '', protocolVersion: 4, clean: false });
  connection.sendBytes(bytes, text);
});

Then(
  "the broker answers {client}'s CONNECT with return code {int} and closes the connection",
  async function (this: LabWorld, name: string, code: number) {
    const connection = this.rawConnection(name);
    const connack = await connection.waitForPacket<IConnackPacket>('a CONNACK', (p) => p.cmd === 'connack');
    const got = connack.returnCode ?? connack.reasonCode;
    expect(got, `${name}'s CONNACK said ${describeReasonCode(got, 4)}; expected ${describeReasonCode(code, 4)}. ${connection.transcript()}`).to.equal(code);
    await connection.waitForClose();
  },
);

Then("the broker closes {client}'s connection without a CONNACK", async function (this: LabWorld, name: string) {
  const connection = this.rawConnection(name);
  await connection.waitForClose();
  expect(connection.received.map((p) => p.cmd), `packets the broker sent ${name} before it closed the connection. ${connection.transcript()}`).to.deep.equal([]);
});

When('{client} sends a second CONNECT on its open connection', function (this: LabWorld, name: string) {
  sendSecondConnect(this.existingClient(name));
});

Then("the broker closes {client}'s connection, with no CONNACK and no DISCONNECT", async function (this: LabWorld, name: string) {
  await expectClosedWithoutAnswer(this.existingClient(name));
});

// --- Client ids -------------------------------------------------------------------------------

Given('MQTT.js will not connect {client} without a client id to a durable session', async function (this: LabWorld, name: string) {
  // The thermostat's name is for the reader: MQTT.js refuses before any client exists.
  void name;
  const refusal = await mqttJsRefusalOfEmptyIdForDurableSession(this);
  expect(refusal, "MQTT.js's answer to clientId '' with clean: false").to.equal('Missing clientId for unclean clients');
});

When(
  '{client} connects with MQTT 3.1.1 without a client id and with a clean session',
  async function (this: LabWorld, name: string) {
    // The client id is part of the client's identity here: '' for every connection it makes.
    const client = this.client(name, 4, { clientId: '' });
    await client.connect(this.broker().url(), { clean: true });
  },
);

Then('{client} and {client} are both still connected: the broker gave each an id of its own', async function (this: LabWorld, first: string, second: string) {
  // Two connections under one id cannot both stay: the broker closes the older one (lab 4's
  // client-ids.feature). After the barrier, a broker that handed out one id twice has done so.
  await this.settle();
  for (const name of [first, second]) {
    const client = this.existingClient(name);
    expect(client.isConnected, `${name} (CONNECT with client id "") is still connected${client.closedAt ? `: its connection closed at +${client.closedAt - client.createdAt} ms` : ''}`).to.equal(true);
  }
});
