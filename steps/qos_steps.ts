/**
 * Steps about QoS: the handshake packets, the downgrade to the subscription's QoS, PUBACK reason
 * codes, and what happens to an unacknowledged QoS 1 message.
 */
import { DataTable, Given, Then, When } from '@cucumber/cucumber';
import { receivedOn } from '../support/sync/delivery';
import { QoS } from '../support/clients/lab-client';
import { expectHandshake, lastPublish, publishAnswer, publishOrFail } from '../support/mqtt/publishing';
import { expectCode, expectGranted } from '../support/mqtt/reason-code-checks';
import { expectQosTable } from '../support/mqtt/qos-table';
import { LabWorld } from '../support/world/world';

const LEVELS: QoS[] = [0, 1, 2];
const downgradeTopic = (subscribed: QoS, published: QoS) => `qos/subscribed-${subscribed}/published-${published}`;

Then("{client}'s publish took the packets {string}", function (this: LabWorld, name: string, expected: string) {
  expectHandshake(lastPublish(this, name), expected);
});

Given('{client} subscribes at every QoS level', async function (this: LabWorld, name: string) {
  const client = await this.connectedClient(name);
  for (const qos of LEVELS) {
    const filter = `qos/subscribed-${qos}/#`;
    const [grant] = await client.subscribe(filter, { qos });
    expectGranted(client, filter, grant?.qos, qos);
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
  // A shortfall shows as "missing" cells of the table below, not as a failed wait.
  await client.waitForMessages('messages of the QoS table', (m) => m.topic.startsWith('qos/'), 9).catch(() => undefined);
  await this.settle(name);
  const levelOf = (label: string) => Number(label.replace('QoS ', '')) as QoS;
  expectQosTable(client, table.raw(), (published, subscribed) => {
    const message = client.inbox.find((m) => m.topic === downgradeTopic(levelOf(subscribed), levelOf(published)));
    return message ? String(message.qos) : 'missing';
  });
});

Then("the broker acknowledges {client}'s publish with reason code {code}", function (this: LabWorld, name: string, code: number) {
  expectCode(publishAnswer(lastPublish(this, name)), code);
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
    if (!redelivery.dup) throw new Error(`The broker sent "${payload}" on ${topic} to the ${name} again, but without the DUP flag that marks a redelivery.`);
  },
);
