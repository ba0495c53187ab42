/**
 * Steps about connections: who may connect, with which protocol version and options, and what
 * the CONNACK says (return code, session present).
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import { IClientOptions } from 'mqtt';
import { ConnectRefused, ProtocolVersion } from '../support/lab-client';
import { LabWorld } from '../support/world';

/** CONNACK codes a step has seen, by client: 0 for accepted. */
const connackCodes = new WeakMap<LabWorld, Map<string, number>>();
function recordConnack(world: LabWorld, name: string, code: number): void {
  const codes = connackCodes.get(world) ?? new Map<string, number>();
  codes.set(name, code);
  connackCodes.set(world, codes);
}
function seenConnack(world: LabWorld, name: string): number {
  const code = connackCodes.get(world)?.get(name);
  if (code === undefined) throw new Error(`${name} has not tried to connect yet`);
  return code;
}

Given('{client} is connected', async function (this: LabWorld, name: string) {
  await this.connect(name);
});

Given('{client} is connected with {protocol}', async function (this: LabWorld, name: string, protocolVersion: ProtocolVersion) {
  await this.connect(name, { protocolVersion });
});

/** Tries to connect and records the CONNACK code, whether the broker accepts or refuses. */
async function attemptConnect(world: LabWorld, name: string, protocolVersion: ProtocolVersion, options: IClientOptions = {}): Promise<void> {
  const client = world.client(name, protocolVersion);
  try {
    await client.connect(world.broker().url(), options);
    recordConnack(world, name, 0);
  } catch (error) {
    if (!(error instanceof ConnectRefused)) throw error;
    recordConnack(world, name, error.code);
  }
}

When('{client} connects anonymously with {protocol}', async function (this: LabWorld, name: string, protocolVersion: ProtocolVersion) {
  await attemptConnect(this, name, protocolVersion);
});

When(
  '{client} connects with a clean session and a keepalive of {int} seconds',
  async function (this: LabWorld, name: string, keepalive: number) {
    await attemptConnect(this, name, 4, { clean: true, keepalive });
  },
);

When('{client} connects with MQTT 5 without a client id', async function (this: LabWorld, name: string) {
  // An empty client id asks the broker to make one up (MQTT 5 only sends it back to us).
  await attemptConnect(this, name, 5, { clientId: '', clean: true });
});

Then('the broker tells {client} the client id it assigned', function (this: LabWorld, name: string) {
  const assigned = this.existingClient(name).lastConnack?.properties?.assignedClientIdentifier;
  expect(assigned, 'CONNACK property "assigned client identifier"').to.be.a('string').and.not.equal('');
});

Then('the broker refuses {client} with CONNACK code {code}', function (this: LabWorld, name: string, code: number) {
  expect(seenConnack(this, name), `${name}'s CONNACK code`).to.equal(code);
  expect(this.existingClient(name).isConnected).to.equal(false);
});

Then('the broker accepts {client}', function (this: LabWorld, name: string) {
  expect(seenConnack(this, name), `${name}'s CONNACK code`).to.equal(0);
  expect(this.existingClient(name).isConnected).to.equal(true);
});

Given('{client} has a durable session', async function (this: LabWorld, name: string) {
  // MQTT 3.1.1: clean session = false with a fixed client id keeps subscriptions and queued
  // messages on the broker while the client is away.
  await this.connect(name, { clientOptions: { clean: false } });
});

When('{client} reconnects to its durable session', async function (this: LabWorld, name: string) {
  const client = this.existingClient(name);
  client.withholdAcks = false;
  await client.connect(this.broker().url(), { clean: false });
});

Then('the broker reports that it kept a session for {client}', function (this: LabWorld, name: string) {
  expect(this.existingClient(name).lastConnack?.sessionPresent, 'CONNACK session present').to.equal(true);
});

Then('the broker reports that it kept no session for {client}', function (this: LabWorld, name: string) {
  expect(this.existingClient(name).lastConnack?.sessionPresent, 'CONNACK session present').to.equal(false);
});

When('{client} disconnects', async function (this: LabWorld, name: string) {
  await this.existingClient(name).disconnect();
});

When("{client}'s connection drops", async function (this: LabWorld, name: string) {
  await this.existingClient(name).dropConnection();
});
