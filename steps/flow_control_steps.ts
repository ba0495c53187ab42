/**
 * Steps about MQTT 5 flow control and packet sizes: Receive Maximum in both directions and
 * Maximum Packet Size in both directions (support/mqtt/flow-control.ts).
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import type { IConnectPacket } from 'mqtt-packet';
import { QoS } from '../support/clients/lab-client';
import { connackOf, expectReasonCodes, mostUnacknowledgedInFlight, packetsLargerThan, reportOfSize, unfinishedQos2Publishes } from '../support/mqtt/flow-control';
import { publishAndRecord } from '../support/mqtt/publishing';
import { receivedOn } from '../support/sync/delivery';
import { LabWorld } from '../support/world/world';

/** Connects with MQTT 5, announcing a limit in CONNECT, and subscribes. */
async function connectAnnouncingAndSubscribe(world: LabWorld, name: string, properties: IConnectPacket['properties'], filter: string, qos: QoS): Promise<void> {
  await world.connect(name, { protocolVersion: 5, clientOptions: { properties } });
  const [grant] = await world.existingClient(name).subscribe(filter, { qos });
  expect(grant?.qos, `SUBACK for ${filter}`).to.equal(qos);
}

// --- The client's Receive Maximum ---------------------------------------------------------------

Given(
  '{client} is connected with MQTT 5, allowing {int} unacknowledged messages in flight, and subscribed to {topic} with {qos}',
  async function (this: LabWorld, name: string, receiveMaximum: number, filter: string, qos: QoS) {
    await connectAnnouncingAndSubscribe(this, name, { receiveMaximum }, filter, qos);
  },
);

Given('{client} holds back its acknowledgements', function (this: LabWorld, name: string) {
  // The PUBACKs wait in the client until the next step, as a slow application's would.
  this.existingClient(name).holdAcknowledgements();
});

When('{client} sends the acknowledgements it held back', function (this: LabWorld, name: string) {
  const released = this.existingClient(name).releaseAcknowledgements();
  expect(released, `acknowledgements ${name} had held back`).to.be.greaterThan(0);
});

Then('{client} never had more than {int} unacknowledged messages in flight', function (this: LabWorld, name: string, limit: number) {
  const { most, story } = mostUnacknowledgedInFlight(this.existingClient(name));
  expect(most, `the most QoS 1 messages the broker had in flight to ${name} at once (on the wire: ${story})`).to.be.at.most(limit).and.at.least(1);
});

// --- The broker's Receive Maximum -----------------------------------------------------------------

Then("the broker's CONNACK gives {client} a Receive Maximum of {int}", async function (this: LabWorld, name: string, maximum: number) {
  const connack = await connackOf(this.rawConnection(name));
  // Absent means 65535 (spec 3.2.2.3.3).
  expect(connack.properties?.receiveMaximum ?? 65535, `Receive Maximum in the CONNACK ${name} got`).to.equal(maximum);
});

When(
  '{client} writes {int} QoS 2 PUBLISH packets to {topic} by hand and never releases them',
  async function (this: LabWorld, name: string, count: number, topic: string) {
    this.outcomes.pubrecCodes = await unfinishedQos2Publishes(this.rawConnection(name), topic, count);
  },
);

Then(
  'the broker answers {client} with PUBREC {code}, {code} and {code}, and keeps its connection open',
  function (this: LabWorld, name: string, first: number, second: number, third: number) {
    const connection = this.rawConnection(name);
    expectReasonCodes('the answers, in packet id order', 'PUBREC', this.outcomes.pubrecCodes ?? [], [first, second, third], connection.transcript());
    expect(connection.isOpen, `the connection is open after the PUBRECs. ${connection.transcript()}`).to.equal(true);
  },
);

// --- Maximum Packet Size --------------------------------------------------------------------------

Given(
  '{client} is connected with MQTT 5, accepting packets of at most {int} bytes, and subscribed to {topic} with {qos}',
  async function (this: LabWorld, name: string, maximumPacketSize: number, filter: string, qos: QoS) {
    await connectAnnouncingAndSubscribe(this, name, { maximumPacketSize }, filter, qos);
  },
);

When('{client} publishes a {int}-byte report to {topic} with {qos}', async function (this: LabWorld, name: string, bytes: number, topic: string, qos: QoS) {
  const { outcome } = await publishAndRecord(this, name, topic, reportOfSize(bytes), { qos });
  if (outcome.error) throw new Error(`${name}'s publish of a ${bytes}-byte report to ${topic} failed: ${outcome.error.message}`);
});

// The outcome (a broker that hangs up) is for the next step to judge.
When('{client} tries to publish a {int}-byte report to {topic} with {qos}', async function (this: LabWorld, name: string, bytes: number, topic: string, qos: QoS) {
  await publishAndRecord(this, name, topic, reportOfSize(bytes), { qos });
});

Then(
  '{client} never read the report on {topic}, nor any packet larger than {int} bytes',
  async function (this: LabWorld, name: string, topic: string, limit: number) {
    await this.settle(name);
    const client = this.existingClient(name);
    expect(client.inbox.filter(receivedOn(topic)).map((m) => `${m.payload.length}-byte message`), `messages ${name} got on ${topic}`).to.deep.equal([]);
    const large = packetsLargerThan(client, limit).map((w) => `${w.packet.cmd.toUpperCase()} of ${w.bytes} bytes`);
    expect(large, `packets larger than ${limit} bytes that ${name} read from its socket`).to.deep.equal([]);
  },
);

Then("the broker's CONNACK limits {client}'s packets to {int} bytes", function (this: LabWorld, name: string, limit: number) {
  const connack = this.existingClient(name).lastConnack;
  expect(connack?.properties?.maximumPacketSize, `Maximum Packet Size in the CONNACK ${name} got (absent: no limit)`).to.equal(limit);
});
