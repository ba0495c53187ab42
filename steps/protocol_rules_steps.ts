/**
 * Steps about the rules of the protocol that a client library keeps for you, and what the broker
 * does when a client breaks them: CONNECT packets for an unknown protocol, a second CONNECT, a
 * durable session without a client id, packets the spec forbids. The packets are written by hand
 * with mqtt-packet (support/mqtt/raw-connection.ts, connect-rules.ts, forbidden-packets.ts).
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import type { IConnackPacket } from 'mqtt-packet';
import { expectClosedWithoutAnswer, mqttJsRefusalOfEmptyIdForDurableSession, sendSecondConnect } from '../support/mqtt/connect-rules';
import { connackOf } from '../support/mqtt/flow-control';
import { writeForbiddenPacket } from '../support/mqtt/forbidden-packets';
import { connectBytes, HandWrittenConnect } from '../support/mqtt/raw-connection';
import { describeCode } from '../support/mqtt/reason-codes';
import { LabWorld } from '../support/world/world';

/** Opens a bare connection for the client and writes the CONNECT, encoded by hand. */
async function writeConnect(world: LabWorld, name: string, connect: Partial<HandWrittenConnect> & Pick<HandWrittenConnect, 'protocolVersion'>): Promise<void> {
  const connection = await world.openRawConnection(name, connect.protocolVersion);
  const { bytes, text } = connectBytes({ clientId: `${name.replace(/\W+/g, '-')}-${process.pid}`, clean: true, ...connect });
  connection.sendBytes(bytes, text);
}

// --- CONNECT packets MQTT.js will not send -----------------------------------------------------

When('{client} writes a CONNECT with protocol level {int} by hand', async function (this: LabWorld, name: string, protocolLevel: number) {
  await writeConnect(this, name, { protocolVersion: 4, protocolLevel });
});

When('{client} writes a CONNECT with the protocol name {string} by hand', async function (this: LabWorld, name: string, protocolName: string) {
  await writeConnect(this, name, { protocolVersion: 4, protocolName });
});

When('{client} writes an MQTT 3.1.1 CONNECT without a client id and with clean session 0 by hand', async function (this: LabWorld, name: string) {
  await writeConnect(this, name, { protocolVersion: 4, clientId: '', clean: false });
});

Given('{client} is connected with MQTT 5, writing its packets by hand', async function (this: LabWorld, name: string) {
  await writeConnect(this, name, { protocolVersion: 5 });
  const connack = await connackOf(this.rawConnection(name));
  expect(connack.reasonCode ?? 0, `${name}'s CONNACK: ${describeCode(connack.reasonCode ?? 0, 'CONNACK')}`).to.equal(0);
});

Then(
  "the broker answers {client}'s CONNECT with return code {int} and closes the connection",
  async function (this: LabWorld, name: string, code: number) {
    const connection = this.rawConnection(name);
    const connack = await connection.waitForPacket<IConnackPacket>('a CONNACK', (p) => p.cmd === 'connack');
    const got = connack.returnCode ?? connack.reasonCode ?? 0;
    expect(got, `${name}'s CONNACK said ${describeCode(got, 'CONNACK', 4)}; expected ${describeCode(code, 'CONNACK', 4)}. ${connection.transcript()}`).to.equal(code);
    await connection.waitForClose();
  },
);

Then("the broker closes {client}'s connection without a CONNACK", async function (this: LabWorld, name: string) {
  const connection = this.rawConnection(name);
  await connection.waitForClose();
  expect(connection.received.map((p) => p.cmd), `packets the broker sent ${name} before it closed the connection. ${connection.transcript()}`).to.deep.equal([]);
});

Given('MQTT.js will not connect {client} without a client id to a durable session', async function (this: LabWorld, name: string) {
  // The thermostat's name is for the reader: MQTT.js refuses before any client exists.
  void name;
  const refusal = await mqttJsRefusalOfEmptyIdForDurableSession(this);
  expect(refusal, "MQTT.js's answer to clientId '' with clean: false").to.equal('Missing clientId for unclean clients');
});

// --- A second CONNECT, and packets the spec forbids, on an open MQTT.js connection ---------------

When('{client} sends a second CONNECT on its open connection', function (this: LabWorld, name: string) {
  sendSecondConnect(this.existingClient(name));
});

Then("the broker closes {client}'s connection, with no CONNACK and no DISCONNECT", async function (this: LabWorld, name: string) {
  await expectClosedWithoutAnswer(this.existingClient(name));
});

When('{client} writes {string} straight to its connection', function (this: LabWorld, name: string, packet: string) {
  writeForbiddenPacket(this.existingClient(name), packet);
});
