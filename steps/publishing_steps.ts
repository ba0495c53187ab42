/**
 * Steps about publishing: plain, at a QoS, retained, and clearing a retained value.
 */
import { Given, When } from '@cucumber/cucumber';
import { QoS } from '../support/clients/lab-client';
import { expectPublished, publishAll, publishAndRecord } from '../support/mqtt/publishing';
import { LabWorld } from '../support/world/world';

async function publish(world: LabWorld, name: string, payload: string, topic: string, qos: QoS, retain = false): Promise<void> {
  const { outcome } = await publishAndRecord(world, name, topic, payload, { qos, retain });
  expectPublished(name, payload, topic, outcome);
}

When('{client} publishes {string} to {topic}', async function (this: LabWorld, name: string, payload: string, topic: string) {
  await publish(this, name, payload, topic, 0);
});

When('{client} publishes {string} to {topic} with {qos}', async function (this: LabWorld, name: string, payload: string, topic: string, qos: QoS) {
  await publish(this, name, payload, topic, qos);
});

When('{client} publishes {numbered} to {topic} with {qos}', async function (this: LabWorld, name: string, payloads: string[], topic: string, qos: QoS) {
  await publishAll(this, name, topic, payloads, qos);
});

// Retained publishes use QoS 1 so that the step ends only once the broker has stored the value.
Given('{client} has published the retained value {string} to {topic}', async function (this: LabWorld, name: string, payload: string, topic: string) {
  await publish(this, name, payload, topic, 1, true);
});

When('{client} publishes the retained value {string} to {topic}', async function (this: LabWorld, name: string, payload: string, topic: string) {
  await publish(this, name, payload, topic, 1, true);
});

When('{client} clears the retained value of {topic}', async function (this: LabWorld, name: string, topic: string) {
  // An empty payload with the retain flag set deletes the retained message of the topic.
  await publish(this, name, '', topic, 1, true);
});

When('{client} publishes an empty message to {topic}', async function (this: LabWorld, name: string, topic: string) {
  await publish(this, name, '', topic, 1, false);
});
