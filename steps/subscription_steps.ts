/**
 * Steps about subscribing and about what a subscriber receives, or provably does not receive.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import { receivedOn } from '../support/sync/delivery';
import { expectCount, expectNothingReceived, expectRetainFlag } from '../support/sync/delivery-checks';
import { expectCode, expectGranted } from '../support/mqtt/reason-code-checks';
import { grantFor, refusableSubscribe } from '../support/mqtt/access-control';
import { QoS } from '../support/clients/lab-client';
import { publishOrFail } from '../support/mqtt/publishing';
import { LabWorld } from '../support/world/world';

async function subscribe(world: LabWorld, name: string, filter: string, qos: QoS): Promise<void> {
  const client = await world.connectedClient(name);
  const granted = await client.subscribe(filter, { qos });
  expectGranted(client, filter, granted[0]?.qos);
}

When('{client} subscribes to {topic}', async function (this: LabWorld, name: string, filter: string) {
  await subscribe(this, name, filter, 0);
});

When('{client} subscribes to {topic} with {qos}', async function (this: LabWorld, name: string, filter: string, qos: QoS) {
  await subscribe(this, name, filter, qos);
});

When(
  '{client} subscribes to {topic} with subscription identifier {int}',
  async function (this: LabWorld, name: string, filter: string, identifier: number) {
    // MQTT 5 only: the broker sends the identifier back in every PUBLISH this subscription causes.
    const client = await this.connectedClient(name, 5);
    const [grant] = await client.subscribe(filter, { qos: 0, properties: { subscriptionIdentifier: identifier } });
    expectGranted(client, filter, grant?.qos);
  },
);

Given('{client} has a durable session subscribed to {topic} with {qos}', async function (this: LabWorld, name: string, filter: string, qos: QoS) {
  await this.connect(name, { clientOptions: { clean: false } });
  await subscribe(this, name, filter, qos);
});

When('{client} unsubscribes from {topic}', async function (this: LabWorld, name: string, filter: string) {
  await this.existingClient(name).unsubscribe(filter);
});


Then('{client} receives {string} on {topic}', async function (this: LabWorld, name: string, payload: string, topic: string) {
  await this.existingClient(name).waitForPayload(payload, topic);
});

Then('{client} receives and acknowledges {string} on {topic}', async function (this: LabWorld, name: string, payload: string, topic: string) {
  const client = this.existingClient(name);
  await client.waitForPayload(payload, topic);
  await client.waitForPacket('its PUBACK go out', (t) => t.direction === 'sent' && t.packet.cmd === 'puback');
  // The PINGREQ after the PUBACK comes back only once the broker has processed the PUBACK.
  await client.roundTrip();
});

Then('{client} receives {string} on {topic} flagged as retained', async function (this: LabWorld, name: string, payload: string, topic: string) {
  const message = await this.existingClient(name).waitForPayload(payload, topic);
  expectRetainFlag(this.existingClient(name), message, true);
});

Then('{client} receives {string} on {topic} not flagged as retained', async function (this: LabWorld, name: string, payload: string, topic: string) {
  const message = await this.existingClient(name).waitForPayload(payload, topic);
  expectRetainFlag(this.existingClient(name), message, false);
});

Then('{client} receives nothing on {topic}', async function (this: LabWorld, name: string, topic: string) {
  await this.settle(name);
  const client = this.existingClient(name);
  expectNothingReceived(client, client.inbox.filter(receivedOn(topic)));
});

Then('{client} does not receive {string} on {topic}', async function (this: LabWorld, name: string, payload: string, topic: string) {
  await this.settle(name);
  const client = this.existingClient(name);
  expectNothingReceived(client, client.inbox.filter(receivedOn(topic, payload)));
});

Then('{client} receives messages on topics starting with {string}', async function (this: LabWorld, name: string, prefix: string) {
  await this.existingClient(name).waitForMessage(`a message on a topic starting with ${prefix}`, (m) => m.topic.startsWith(prefix));
});

Then('{client} receives no message on a topic starting with {string}', async function (this: LabWorld, name: string, prefix: string) {
  await this.settle(name);
  const client = this.existingClient(name);
  expectNothingReceived(client, client.inbox.filter((m) => m.topic.startsWith(prefix)));
});

Then('{client} receives nothing', async function (this: LabWorld, name: string) {
  await this.settle(name);
  const client = this.existingClient(name);
  expectNothingReceived(client, client.inbox);
});

Then('{client} receives exactly {int} message(s) on {topic}', async function (this: LabWorld, name: string, count: number, topic: string) {
  await this.settle(name);
  const client = this.existingClient(name);
  expectCount(client, client.inbox.filter(receivedOn(topic)), count, `message(s) on ${topic}`);
});

Then(
  '{client} receives {string} on {topic} once tagged with subscription identifier {int} and once with {int}, and no other copy',
  async function (this: LabWorld, name: string, payload: string, topic: string, first: number, second: number) {
    const client = this.existingClient(name);
    await client.waitForMessages(`2 copies of "${payload}" on ${topic}`, receivedOn(topic, payload), 2).catch(() => undefined);
    await this.settle(name);
    // A PUBLISH carries one identifier, or a list of them when one copy stands for several.
    const identifiers = client.inbox
      .filter(receivedOn(topic, payload))
      .map((m) => [m.properties?.subscriptionIdentifier ?? []].flat().sort((a, b) => a - b));
    expect(identifiers, `the subscription identifiers of each copy ${name} got`).to.have.deep.members([[first], [second]]);
    expect(identifiers, `copies ${name} got`).to.have.lengthOf(2);
  },
);

Then('{client} can publish a message and receive it back', async function (this: LabWorld, name: string) {
  const client = this.existingClient(name);
  const topic = `lab/echo/${client.clientId}`;
  await client.subscribe(topic, { qos: 1 });
  await publishOrFail(client, topic, 'hello, broker', { qos: 1 });
  await client.waitForMessage(`its own "hello, broker" on ${topic}`, receivedOn(topic, 'hello, broker'));
});

Then("{client} learns the broker's version from {topic}", async function (this: LabWorld, name: string, topic: string) {
  const message = await this.existingClient(name).waitForMessage(`a message on ${topic}`, receivedOn(topic));
  expect(message.text).to.match(/^mosquitto version \d+\.\d+\.\d+/);
});

Then(
  '{client} receives exactly one copy of {string} on {topic}, at {qos}',
  async function (this: LabWorld, name: string, payload: string, topic: string, qos: QoS) {
    const client = this.existingClient(name);
    await client.waitForPayload(payload, topic);
    await this.settle(name);
    const copies = client.inbox.filter(receivedOn(topic, payload)).map((m) => `QoS ${m.qos}`);
    expect(copies, `the copies of "${payload}" ${name} got on ${topic}, at their QoS`).to.deep.equal([`QoS ${qos}`]);
  },
);

When('{client} tries to subscribe to {topic}', async function (this: LabWorld, name: string, filter: string) {
  // Unlike "subscribes", a refusal (a SUBACK code of 0x80 or more) is the outcome to judge: the
  // broker's access control said no (lab 17's dynamic security, lab 18's auth service).
  const client = await this.connectedClient(name);
  await refusableSubscribe(client, filter);
});

Then("the broker refuses {client}'s subscription to {topic} with SUBACK code {code}", function (this: LabWorld, name: string, filter: string, code: number) {
  const client = this.existingClient(name);
  expectCode({ to: `the ${name}'s subscription to ${filter}`, packet: 'SUBACK', actual: grantFor(client, filter), protocolVersion: client.protocolVersion }, code);
});
