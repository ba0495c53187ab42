/**
 * Steps about a QoS 2 handshake broken off by a lost connection, and what the broker sends again
 * when the durable session comes back (support/mqtt/redelivery.ts). QoS 1 redelivery steps
 * ("stops acknowledging messages", "... again, flagged as a duplicate") live in qos_steps.ts.
 */
import { Given, Then } from '@cucumber/cucumber';
import { expect } from 'chai';
import { expectPublishResentWithDup, expectPubrelResentWithoutPublish, firstPublishOf } from '../support/mqtt/redelivery';
import { receivedOn } from '../support/sync/delivery';
import { LabWorld } from '../support/world/world';

Given("{client}'s {word} packets get lost on the way to the broker", function (this: LabWorld, name: string, kind: string) {
  // MQTT.js handles every packet as usual and believes it answered; only these bytes never
  // reach the socket (support/clients/acknowledgement-faults.ts). Only this connection: the next answers.
  if (kind !== 'PUBREC' && kind !== 'PUBCOMP') throw new Error(`This step loses PUBREC or PUBCOMP packets, not "${kind}"`);
  this.existingClient(name).loseAcknowledgements([kind.toLowerCase() as 'pubrec' | 'pubcomp']);
});

Given("{client}'s connection has brought it the PUBLISH of {string}", async function (this: LabWorld, name: string, payload: string) {
  // At QoS 2 MQTT.js hands the message to the application only when PUBREL comes: a PUBLISH
  // that arrived is not yet a message the application has.
  await firstPublishOf(this.existingClient(name), payload);
});

Then('the broker sends {client} the PUBLISH of {string} again, flagged as a duplicate', async function (this: LabWorld, name: string, payload: string) {
  await expectPublishResentWithDup(this.existingClient(name), payload);
});

Then('the broker sends {client} the PUBREL of {string} again, and not its PUBLISH', async function (this: LabWorld, name: string, payload: string) {
  await expectPubrelResentWithoutPublish(this.existingClient(name), payload, () => this.settle(name));
});

Then("{client}'s application gets {string} on {topic} exactly once", async function (this: LabWorld, name: string, payload: string, topic: string) {
  const client = this.existingClient(name);
  await client.waitForPayload(payload, topic);
  await this.settle(name);
  const copies = client.inbox.filter(receivedOn(topic, payload));
  expect(copies.map((m) => `${m.text}${m.dup ? ' (DUP)' : ''}`), `the messages MQTT.js handed ${name}'s application on ${topic}`).to.have.lengthOf(1);
});
