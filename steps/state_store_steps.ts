/**
 * Steps about application state kept in retained messages: writing keys, a service's state
 * store (labs/lab10) loading the snapshot and following live updates, and the MQTT 5 retain
 * subscription options.
 */
import { DataTable, Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import { publishOrFail } from '../support/mqtt/publishing';
import { QoS } from '../support/clients/lab-client';
import { startStateStore, stateStoreOf, waitForStoreValue } from '../support/mqtt/state-stores';
import { letTimePass } from '../support/sync/protocol-clock';
import { LabWorld } from '../support/world/world';
import { expectGranted } from '../support/mqtt/reason-code-checks';
import { expectCount } from '../support/sync/delivery-checks';

Given('{client} has published these retained values:', async function (this: LabWorld, name: string, table: DataTable) {
  const writer = await this.connectedClient(name);
  for (const { topic, value } of table.hashes()) await publishOrFail(writer, topic, value, { qos: 1, retain: true });
});

Given('{client} has published {int} retained values under {topic} with {qos}', async function (this: LabWorld, name: string, count: number, prefix: string, qos: QoS) {
  const writer = await this.connectedClient(name);
  for (let i = 1; i <= count; i++) await publishOrFail(writer, `${prefix}/device-${i}`, `setting ${i}`, { qos, retain: true });
});

When('{client} starts a state store on {topic}', async function (this: LabWorld, service: string, subtree: string) {
  await startStateStore(this, service, subtree);
});

Then("{client}'s store was loaded with exactly these values:", function (this: LabWorld, service: string, table: DataTable) {
  const expected = Object.fromEntries(table.hashes().map(({ topic, value }) => [topic, value]));
  expect(Object.fromEntries(stateStoreOf(this, service).loaded), `the snapshot ${service}'s store reported as complete`).to.deep.equal(expected);
});

Then("{client}'s store was loaded with {int} value(s)", function (this: LabWorld, service: string, count: number) {
  expect(stateStoreOf(this, service).loaded.size, `keys in the snapshot ${service}'s store reported as complete`).to.equal(count);
});

Then("{client}'s store shows {string} for {topic}", async function (this: LabWorld, service: string, value: string, key: string) {
  const started = stateStoreOf(this, service);
  await waitForStoreValue(started, `of ${service} showed "${value}" for ${key} (it shows ${JSON.stringify(started.store.get(key))})`, key, (v) => v === value);
});

Then("{client}'s store no longer has {topic}", async function (this: LabWorld, service: string, key: string) {
  const started = stateStoreOf(this, service);
  await waitForStoreValue(started, `of ${service} dropped ${key}`, key, (v) => v === undefined);
});

Then("{client}'s store still shows {string} for {topic}", async function (this: LabWorld, service: string, value: string, key: string) {
  await this.settle(service);
  expect(stateStoreOf(this, service).store.get(key), `${service}'s value for ${key} once everything published had arrived`).to.equal(value);
});

// --- MQTT 5 retain handling and retain as published -------------------------------------------

async function subscribeWith(world: LabWorld, name: string, filter: string, options: { rh?: number; rap?: boolean }) {
  const client = await world.connectedClient(name, 5);
  const [grant] = await client.subscribe(filter, { qos: 1, ...options });
  expectGranted(client, filter, grant?.qos);
}

When('{client} subscribes to {topic} with retain handling {int}', async function (this: LabWorld, name: string, filter: string, rh: number) {
  await this.connect(name, { protocolVersion: 5 });
  await subscribeWith(this, name, filter, { rh });
});

When('{client} subscribes to {topic} again with retain handling {int}', async function (this: LabWorld, name: string, filter: string, rh: number) {
  await subscribeWith(this, name, filter, { rh });
});

Then('{client} has received {int} retained cop(y)(ies) of {string} on {topic}', async function (this: LabWorld, name: string, count: number, payload: string, topic: string) {
  await this.settle(name);
  const client = this.existingClient(name);
  const copies = client.inbox.filter((m) => m.topic === topic && m.text === payload && m.retain);
  expectCount(client, copies, count, `retained copies of "${payload}" on ${topic}`);
});

When('{client} subscribes to {topic} with retain as published {word}', async function (this: LabWorld, name: string, filter: string, rap: string) {
  await this.connect(name, { protocolVersion: 5 });
  await subscribeWith(this, name, filter, { rap: rap === 'on' });
});

Then('{client} receives {string} on {topic} with the retain flag {int}', async function (this: LabWorld, name: string, payload: string, topic: string, flag: number) {
  const message = await this.existingClient(name).waitForPayload(payload, topic);
  expect(message.retain ? 1 : 0, `the retain flag of the live delivery of "${payload}"`).to.equal(flag);
});

// Time is the behaviour here: the step text says how long after the publishes the store loads.
When('{client} starts a state store on {topic} {int} seconds later', async function (this: LabWorld, service: string, subtree: string, seconds: number) {
  await letTimePass(seconds);
  await startStateStore(this, service, subtree);
});
