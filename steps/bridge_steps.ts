/**
 * Steps about topologies of brokers joined by bridges: starting named brokers, clients on a
 * named broker, and what crosses a bridge (or provably does not, or how many copies do).
 */
import { DataTable, Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import { bridgeLink, bridgeLinks, isProbe, settleAcrossBridges, waitForBridgeState, waitForBridgeUp } from '../support/mqtt/bridges';
import { brokerThatCutOff, startBrokerAgain, stopBroker } from '../support/brokers/faults';
import { receivedOn } from '../support/sync/delivery';
import { QoS, ReceivedMessage } from '../support/clients/lab-client';
import { publishOrFail } from '../support/mqtt/publishing';
import { clientOn, startNamedBroker } from '../support/brokers/topology';
import { PROMPTLY_MS } from '../support/sync/waiting';
import { LabWorld } from '../support/world/world';
import { AFTER_EVERY_BRIDGE, expectCount, expectDeliveredQos, expectNothingReceived, expectPayloads } from '../support/sync/delivery-checks';
import { expectGranted } from '../support/mqtt/reason-code-checks';

Given('{broker} runs {string}', async function (this: LabWorld, broker: string, configRef: string) {
  await startNamedBroker(this, broker, configRef);
});

Given('{broker} runs {string}, bridged to {broker}', async function (this: LabWorld, local: string, configRef: string, remote: string) {
  await startNamedBroker(this, local, configRef);
  const tookMs = await waitForBridgeUp(this, bridgeLink(this, local, remote));
  this.log(`bridge ${local} -> ${remote} up (state 1 and probes across) ${tookMs} ms after the ${local} broker started`);
});

Given('the bridge from {broker} to {broker} is up', async function (this: LabWorld, local: string, remote: string) {
  await waitForBridgeUp(this, bridgeLink(this, local, remote));
});

async function subscribeOn(world: LabWorld, name: string, filter: string, broker: string, qos: QoS, clean = true): Promise<void> {
  const client = await clientOn(world, name, broker, { clean });
  const granted = await client.subscribe(filter, { qos });
  expectGranted(client, filter, granted[0]?.qos);
}

Given('{client} subscribes to {topic} on {broker}', async function (this: LabWorld, name: string, filter: string, broker: string) {
  await subscribeOn(this, name, filter, broker, 0);
});

Given('{client} subscribes to {topic} with {qos} on {broker}', async function (this: LabWorld, name: string, filter: string, qos: QoS, broker: string) {
  await subscribeOn(this, name, filter, broker, qos);
});

Given('{client} has a durable session on {broker} subscribed to {topic} with {qos}', async function (this: LabWorld, name: string, broker: string, filter: string, qos: QoS) {
  await subscribeOn(this, name, filter, broker, qos, false);
});

When('{client} reconnects to its durable session on {broker}', async function (this: LabWorld, name: string, broker: string) {
  const client = this.existingClient(name);
  await client.connect(this.broker(broker).url(), { clean: false });
  expect(client.lastConnack?.sessionPresent, `session present in the CONNACK of ${name} from the ${broker} broker`).to.equal(true);
});

When('{client} publishes {string} to {topic} on {broker}', async function (this: LabWorld, name: string, payload: string, topic: string, broker: string) {
  await publishOrFail(await clientOn(this, name, broker), topic, payload, { qos: 0 });
});

When('{client} publishes {string} to {topic} with {qos} on {broker}', async function (this: LabWorld, name: string, payload: string, topic: string, qos: QoS, broker: string) {
  await publishOrFail(await clientOn(this, name, broker), topic, payload, { qos });
});

When('{client} publishes {numbered} to {topic} with {qos} on {broker}', async function (this: LabWorld, name: string, payloads: string[], topic: string, qos: QoS, broker: string) {
  const publisher = await clientOn(this, name, broker);
  for (const payload of payloads) await publishOrFail(publisher, topic, payload, { qos });
});

/**
 * The client a step counts copies on: it must be connected now, or the count (after a bounded
 * wait) proves nothing. Failing here says so at once, instead of after the wait.
 */
function countingOn(world: LabWorld, name: string) {
  const client = world.existingClient(name);
  client.expectConnected(`counting what ${name} received`);
  return client;
}

/** The messages a scenario's publishers sent, without the probes that prove a bridge is up. */
const notProbes = (messages: ReceivedMessage[]) => messages.filter((m) => !isProbe(m.topic));

Then('no message crosses to {client} on {topic}', async function (this: LabWorld, name: string, topic: string) {
  await settleAcrossBridges(this, [name]);
  const client = this.existingClient(name);
  expectNothingReceived(client, notProbes(client.inbox.filter(receivedOn(topic))), AFTER_EVERY_BRIDGE);
});

Then('nothing crosses to {client}', async function (this: LabWorld, name: string) {
  await settleAcrossBridges(this, [name]);
  const client = this.existingClient(name);
  expectNothingReceived(client, notProbes(client.inbox), AFTER_EVERY_BRIDGE);
});

Then('{client} receives {string} on {topic} at {qos}', async function (this: LabWorld, name: string, payload: string, topic: string, qos: QoS) {
  const message = await this.existingClient(name).waitForPayload(payload, topic);
  expectDeliveredQos(this.existingClient(name), message, qos);
});

Then('{client} receives exactly one copy of {string} on {topic}', async function (this: LabWorld, name: string, payload: string, topic: string) {
  const client = countingOn(this, name);
  await client.waitForPayload(payload, topic);
  await settleAcrossBridges(this, [name]);
  expectCount(client, client.inbox.filter(receivedOn(topic, payload)), 1, `copies of "${payload}" on ${topic}`, AFTER_EVERY_BRIDGE);
});

Then('{client} receives {numbered} on {topic}, each exactly once and in order', async function (this: LabWorld, name: string, payloads: string[], topic: string) {
  const client = countingOn(this, name);
  await client.waitForMessages(`messages on ${topic}`, receivedOn(topic), payloads.length, PROMPTLY_MS * 2).catch(() => undefined);
  await settleAcrossBridges(this, [name]);
  expectPayloads(client, topic, client.inbox.filter(receivedOn(topic)), payloads, 'in this order', AFTER_EVERY_BRIDGE);
});

/** The one bridge of the scenario, for steps that say "the bridge". */
function theBridge(world: LabWorld) {
  const links = bridgeLinks(world);
  if (links.length !== 1) throw new Error(`"the bridge" needs a scenario with exactly one bridge; this one has ${links.length}`);
  return links[0];
}

When(
  '{client} publishes {numbered} to {topic} with {qos} on {broker} while {broker} is down',
  async function (this: LabWorld, name: string, payloads: string[], topic: string, qos: QoS, broker: string, down: string) {
    const publisher = await clientOn(this, name, broker);
    await stopBroker(this, down);
    // Publish only once the bridge knows: before that, a message could still be on its way out.
    await waitForBridgeState(this, bridgeLink(this, broker, down), '0', PROMPTLY_MS);
    for (const payload of payloads) await publishOrFail(publisher, topic, payload, { qos });
    await startBrokerAgain(this, down);
  },
);

/** Waits for the bridge to be up again, then brings the client back to its durable session. */
async function onceTheBridgeIsBack(world: LabWorld, name: string) {
  await waitForBridgeUp(world, theBridge(world));
  const client = world.existingClient(name);
  await client.connect(world.broker(brokerThatCutOff(world, name)).url(), { clean: false });
  expect(client.lastConnack?.sessionPresent, `session present in ${name}'s CONNACK after the outage`).to.equal(true);
  return client;
}

Then(
  'once the bridge is back, {client} receives {numbered} on {topic}, each exactly once and in order',
  async function (this: LabWorld, name: string, payloads: string[], topic: string) {
    const client = await onceTheBridgeIsBack(this, name);
    await client.waitForMessages(`messages on ${topic}`, receivedOn(topic), payloads.length, PROMPTLY_MS).catch(() => undefined);
    await settleAcrossBridges(this, [name]);
    expectPayloads(client, topic, client.inbox.filter(receivedOn(topic)), payloads, 'in this order', AFTER_EVERY_BRIDGE);
  },
);

Then('once the bridge is back, no message crosses to {client} on {topic}', async function (this: LabWorld, name: string, topic: string) {
  const client = await onceTheBridgeIsBack(this, name);
  await settleAcrossBridges(this, [name]);
  expectNothingReceived(client, notProbes(client.inbox.filter(receivedOn(topic))), AFTER_EVERY_BRIDGE);
});

// Three container starts in a row plus the bridge waits: more than the 30 s default step bound
// on a loaded machine, so this step has its own (each wait inside is bounded on its own).
Given('these brokers run, bridged to each other:', { timeout: 90_000 }, async function (this: LabWorld, table: DataTable) {
  // One after the other, in the table's order, as `depends_on` would: in a ring, the first
  // broker's bridge finds its peer missing and retries after restart_timeout (1-2 s).
  for (const { broker, config } of table.hashes()) await startNamedBroker(this, broker, config);
  for (const link of bridgeLinks(this)) {
    const tookMs = await waitForBridgeUp(this, link, MESH_UP_MS);
    this.log(`bridge ${link.local} -> ${link.remote} up (state 1 and probes across) after ${tookMs} ms more`);
  }
});
/** A bridge started before its peer retries after restart_timeout; a few seconds in all. */
const MESH_UP_MS = 10_000;

Then(
  '{client} receives at least {int} copies of {string} on {topic} within {int} seconds',
  async function (this: LabWorld, name: string, copies: number, payload: string, topic: string, seconds: number) {
    const client = this.existingClient(name);
    await client.waitForMessages(`"${payload}" on ${topic}`, receivedOn(topic, payload), copies, seconds * 1000);
    this.log(`${name} had ${client.inbox.filter(receivedOn(topic, payload)).length} copies of "${payload}" when the step ended`);
  },
);

When('{client} moves to {broker}, subscribing to {topic} with {qos}', async function (this: LabWorld, name: string, broker: string, filter: string, qos: QoS) {
  await subscribeOn(this, name, filter, broker, qos);
});

When('{client} moves to {broker}, asking to resume its durable session', async function (this: LabWorld, name: string, broker: string) {
  await this.existingClient(name).connect(this.broker(broker).url(), { clean: false });
});

Then('{client} receives {int} copies of {string} on {topic}', async function (this: LabWorld, name: string, count: number, payload: string, topic: string) {
  const client = countingOn(this, name);
  await client.waitForMessages(`"${payload}" on ${topic}`, receivedOn(topic, payload), count).catch(() => undefined);
  await settleAcrossBridges(this, [name]);
  expectCount(client, client.inbox.filter(receivedOn(topic, payload)), count, `copies of "${payload}" on ${topic}`, AFTER_EVERY_BRIDGE);
});
