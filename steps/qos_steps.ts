/**
 * Steps about QoS: the handshake packets, the downgrade to the subscription's QoS, PUBACK reason
 * codes, and what happens to an unacknowledged QoS 1 message.
 */
import { DataTable, Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import { receivedOn } from '../support/sync/delivery';
import { QoS } from '../support/clients/lab-client';
import { handshakeOf, lastPublish, publishOrFail } from '../support/mqtt/publishing';
import { LabWorld } from '../support/world/world';

const LEVELS: QoS[] = [0, 1, 2];
const downgradeTopic = (subscribed: QoS, published: QoS) => `qos/subscribed-${subscribed}/published-${published}`;

Then("{client}'s publish took the packets {string}", function (this: LabWorld, name: string, expected: string) {
  const record = lastPublish(this);
  expect(record.client, 'who published last').to.equal(name);
  expect(handshakeOf(record)).to.equal(expected);
});

Given('{client} subscribes at every QoS level', async function (this: LabWorld, name: string) {
  const client = await this.connectedClient(name);
  for (const qos of LEVELS) {
    const [grant] = await client.subscribe(`qos/subscribed-${qos}/#`, { qos });
    expect(grant.qos, 'granted QoS').to.equal(qos);
  }
});

When('{client} publishes at every QoS level', async function (this: LabWorld, name: string) {
  const client = await this.connectedClient(name);
  for (const subscribed of LEVELS) {
    for (const published of LEVELS) {
      await publishOrFail(client, downgradeTopic(subscribed, published), `published at QoS ${published}`, { qos: published });
    }
  }
});

Then('{client} receives the messages at these QoS levels:', async function (this: LabWorld, name: string, table: DataTable) {
  const client = this.existingClient(name);
  await client.waitForMessages('the 9 messages of the QoS table', (m) => m.topic.startsWith('qos/'), 9);
  const [header, ...rows] = table.raw();
  const actual = [header, ...rows.map((row) => {
    const published = Number(row[0].replace('QoS ', '')) as QoS;
    return [row[0], ...header.slice(1).map((column) => {
      const subscribed = Number(column.replace('QoS ', '')) as QoS;
      const message = client.inbox.find((m) => m.topic === downgradeTopic(subscribed, published));
      return message ? String(message.qos) : 'missing';
    })];
  })];
  expect(actual).to.deep.equal(table.raw());
});

Then("the broker acknowledges {client}'s publish with reason code {code}", function (this: LabWorld, name: string, code: number) {
  const record = lastPublish(this);
  expect(record.client, 'who published last').to.equal(name);
  expect(record.outcome.reasonCode, 'PUBACK reason code').to.equal(code);
});

Given('{client} stops acknowledging messages', function (this: LabWorld, name: string) {
  // The client still receives and handles every packet, and MQTT.js believes it answered
  // PUBACK, but the PUBACKs never reach the socket: as if each acknowledgement were lost on
  // the way to the broker. Only this connection: the next one acknowledges again.
  this.existingClient(name).loseAcknowledgements();
});

Then(
  '{client} receives {string} on {topic} again, flagged as a duplicate',
  async function (this: LabWorld, name: string, payload: string, topic: string) {
    const client = this.existingClient(name);
    const redelivery = await client.waitForMessage(
      `"${payload}" on ${topic} a second time`,
      (m) => client.inbox.filter(receivedOn(topic, payload)).indexOf(m) === 1,
    );
    expect(redelivery.dup, 'the DUP flag of the redelivered PUBLISH').to.equal(true);
  },
);
