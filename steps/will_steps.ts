/**
 * Steps about the last will: leaving one at CONNECT, what the broker publishes when a connection
 * dies, and the MQTT 5 will delay. Losing and closing connections use the shared steps
 * "{client}'s connection drops" and "{client} disconnects" (connection_steps.ts).
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import { receivedOn } from '../support/sync/delivery';
import { ProtocolVersion, QoS } from '../support/clients/lab-client';
import { comeBackWithinWillDelay, connectWithWill, disconnectWithReason, expectMessageAfterLoss, expectNothingAfterLoss } from '../support/mqtt/wills';
import { LabWorld } from '../support/world/world';
import { expectDeliveredQos } from '../support/sync/delivery-checks';

Given('{client} is connected with a {qos} will {string} on {topic}', async function (this: LabWorld, name: string, qos: QoS, payload: string, topic: string) {
  await connectWithWill(this, name, { topic, payload, qos });
});

Given(
  '{client} is connected with {protocol} and a {qos} will {string} on {topic}',
  async function (this: LabWorld, name: string, protocolVersion: ProtocolVersion, qos: QoS, payload: string, topic: string) {
    await connectWithWill(this, name, { topic, payload, qos }, { protocolVersion });
  },
);

Given(
  '{client} is connected with a retained {qos} will {string} on {topic}',
  async function (this: LabWorld, name: string, qos: QoS, payload: string, topic: string) {
    await connectWithWill(this, name, { topic, payload, qos, retain: true });
  },
);

// MQTT 5: the will waits `delay` seconds; the session must outlive the delay (labs/lab05/last-will.ts).
Given(
  '{client} has a {int}-second session and a will {string} on {topic} delayed by {int} second(s)',
  async function (this: LabWorld, name: string, sessionSeconds: number, payload: string, topic: string, delaySeconds: number) {
    await connectWithWill(this, name, { topic, payload, qos: 1, delaySeconds }, { sessionExpirySeconds: sessionSeconds });
  },
);

// MQTT 5 only: the reason code of a DISCONNECT tells the broker what to do with the will.
When('{client} disconnects with reason code {code}, {string}', async function (this: LabWorld, name: string, reasonCode: number, meaning: string) {
  await disconnectWithReason(this.existingClient(name), reasonCode, meaning);
});

When('{client} comes back to its session within the will delay', async function (this: LabWorld, name: string) {
  await comeBackWithinWillDelay(this, name);
});

Then(
  '{client} receives the will {string} on {topic} with {qos}, not flagged as retained',
  async function (this: LabWorld, name: string, payload: string, topic: string, qos: QoS) {
    const will = await this.existingClient(name).waitForMessage(`the will "${payload}" on ${topic}`, receivedOn(topic, payload));
    expectDeliveredQos(this.existingClient(name), will, qos);
    // Live delivery to a subscription that already existed: retain is 0, however the will was
    // flagged [MQTT-3.3.1-9]. Only a subscriber that arrives later sees retain = 1.
    expect(will.retain, 'retain flag of the delivered will').to.equal(false);
  },
);

Then(
  '{client}, subscribing to {topic} afterwards, receives {string} on {topic} flagged as retained',
  async function (this: LabWorld, name: string, filter: string, payload: string, topic: string) {
    const latecomer = await this.connectedClient(name);
    await latecomer.subscribe(filter, { qos: 1 });
    const will = await latecomer.waitForPayload(payload, topic);
    expect(will.retain, 'retain flag of the will a later subscriber gets').to.equal(true);
  },
);

// Time is the behaviour: the bounds are in the step text.
Then(
  "{client} receives {string} on {topic} between {float} and {float} seconds after {client}'s connection dropped",
  async function (this: LabWorld, name: string, payload: string, topic: string, earliest: number, latest: number, lostName: string) {
    await expectMessageAfterLoss(this, name, payload, topic, lostName, earliest, latest);
  },
);

Then(
  "{client} has received nothing on {topic} {float} seconds after {client}'s connection dropped",
  async function (this: LabWorld, name: string, topic: string, seconds: number, lostName: string) {
    await expectNothingAfterLoss(this, name, topic, lostName, seconds);
  },
);
