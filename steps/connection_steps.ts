/**
 * Steps about connections: who may connect, with which protocol version and options, and what
 * the CONNACK says (return code, session present).
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import type { IConnectPacket } from 'mqtt-packet';
import { ProtocolVersion } from '../support/clients/lab-client';
import { LabWorld } from '../support/world/world';
import { connackAnswer, expectCode } from '../support/mqtt/reason-code-checks';

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
    expectCode(connackAnswer(client), 0);
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
  expectCode(connackAnswer(this.existingClient(name)), code);
  expect(this.existingClient(name).isConnected, `${name} is connected`).to.equal(false);
});

Then('the broker accepts {client}', function (this: LabWorld, name: string) {
  expectCode(connackAnswer(this.existingClient(name)), 0);
  expect(this.existingClient(name).isConnected, `${name} is connected`).to.equal(true);
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
