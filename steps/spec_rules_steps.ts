/**
 * Steps for normative statements of the spec that the other steps do not reach: a CONNECT with
 * its reserved flag set, a PUBLISH before any CONNECT, and what comes back for several topic
 * filters in one SUBSCRIBE or UNSUBSCRIBE. The hand-written packets go through
 * support/mqtt/raw-connection.ts; the acknowledgements are read from the client's wire record.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import type { ProtocolVersion, QoS } from '../support/clients/lab-client';
import { lastAcknowledgement, subscribeInOnePacket, unsubscribeInOnePacket } from '../support/mqtt/acknowledgements';
import { joinShareGroup } from '../support/mqtt/mqtt5';
import { connectBytes } from '../support/mqtt/raw-connection';
import { receivedOn } from '../support/sync/delivery';
import { expectNothingReceived } from '../support/sync/delivery-checks';
import { LabWorld } from '../support/world/world';

function handWrittenClientId(name: string): string {
  return `${name.replace(/\W+/g, '-')}-${process.pid}`;
}

When('{client} writes a CONNECT with the reserved flag set, with {protocol}, by hand', async function (this: LabWorld, name: string, protocolVersion: ProtocolVersion) {
  const connection = await this.openRawConnection(name, protocolVersion);
  const { bytes, text } = connectBytes({ clientId: handWrittenClientId(name), clean: true, protocolVersion, reservedFlag: true });
  connection.sendBytes(bytes, text);
});

When('{client} writes a PUBLISH before any CONNECT, with {protocol}, by hand', async function (this: LabWorld, name: string, protocolVersion: ProtocolVersion) {
  const connection = await this.openRawConnection(name, protocolVersion);
  connection.send({ cmd: 'publish', topic: 'factory/oven/temperature', payload: Buffer.from('21.5'), qos: 0, dup: false, retain: false });
});

Then("the broker closes {client}'s connection, whatever it answered", async function (this: LabWorld, name: string) {
  // For a CONNECT the broker refuses, MQTT 5 allows a CONNACK with a reason code first; the
  // statement is about the close.
  await this.rawConnection(name).waitForClose();
  expect(this.rawConnection(name).received.filter((p) => p.cmd !== 'connack').map((p) => p.cmd), 'packets other than CONNACK').to.deep.equal([]);
});

// --- Several filters in one SUBSCRIBE or UNSUBSCRIBE --------------------------------------------

When(
  '{client} subscribes in one SUBSCRIBE to {topic} with {qos}, {topic} with {qos} and {topic} with {qos}',
  // (Cucumber counts a step function's parameters: they are spelt out, not a rest parameter.)
  async function (this: LabWorld, name: string, first: string, firstQos: QoS, second: string, secondQos: QoS, third: string, thirdQos: QoS) {
    const requests = [
      { filter: first, qos: firstQos },
      { filter: second, qos: secondQos },
      { filter: third, qos: thirdQos },
    ];
    await subscribeInOnePacket(await this.connectedClient(name), requests);
  },
);

Then(
  "the broker answers {client} with one SUBACK under the SUBSCRIBE's packet identifier, granting QoS {int}, {int} and {int} in that order",
  function (this: LabWorld, name: string, first: number, second: number, third: number) {
    const granted = [first, second, third];
    const ack = lastAcknowledgement(this.existingClient(name), 'subscribe');
    expect(ack.answerIds, `packet identifiers of the SUBACKs that answered SUBSCRIBE ${ack.requestId}`).to.deep.equal([ack.requestId]);
    expect(ack.codes, 'the SUBACK codes, in the order of the filters').to.deep.equal(granted);
  },
);

When('{client} unsubscribes in one UNSUBSCRIBE from {topic} and {topic}', async function (this: LabWorld, name: string, first: string, second: string) {
  await unsubscribeInOnePacket(this.existingClient(name), [first, second]);
});

Then(
  "the broker answers {client} with one UNSUBACK under the UNSUBSCRIBE's packet identifier, without reason codes",
  function (this: LabWorld, name: string) {
    const ack = lastAcknowledgement(this.existingClient(name), 'unsubscribe');
    expect(ack.answerIds, `packet identifiers of the UNSUBACKs that answered UNSUBSCRIBE ${ack.requestId}`).to.deep.equal([ack.requestId]);
    expect(ack.codes ?? [], 'UNSUBACK reason codes (MQTT 3.1.1 has none)').to.deep.equal([]);
  },
);

Then(
  "the broker answers {client} with one UNSUBACK under the UNSUBSCRIBE's packet identifier, with the reason codes {code} and {code}",
  function (this: LabWorld, name: string, first: number, second: number) {
    const ack = lastAcknowledgement(this.existingClient(name), 'unsubscribe');
    expect(ack.answerIds, `packet identifiers of the UNSUBACKs that answered UNSUBSCRIBE ${ack.requestId}`).to.deep.equal([ack.requestId]);
    expect(ack.codes, 'the UNSUBACK reason codes, in the order of the filters').to.deep.equal([first, second]);
  },
);

// --- Retained messages, wills and server-sent DISCONNECTs, in either protocol version ----------

Given('{client} and {client} are connected with {protocol}', async function (this: LabWorld, first: string, second: string, protocolVersion: ProtocolVersion) {
  await this.connect(first, { protocolVersion });
  await this.connect(second, { protocolVersion });
});

Then(
  '{client}, subscribing to {topic} afterwards, receives nothing on {topic}',
  async function (this: LabWorld, name: string, filter: string, topic: string) {
    const latecomer = await this.connectedClient(name);
    await latecomer.subscribe(filter, { qos: 1 });
    // The broker sends retained messages before the SUBACK's effects can be seen: the barrier
    // (a PINGREQ round trip) proves that nothing was on its way.
    await this.settle(name);
    expectNothingReceived(latecomer, latecomer.inbox.filter(receivedOn(topic)));
  },
);

Then('the DISCONNECT {client} got carries no session expiry interval', function (this: LabWorld, name: string) {
  const disconnect = this.existingClient(name).trace.find((t) => t.direction === 'received' && t.packet.cmd === 'disconnect');
  expect(disconnect, `a DISCONNECT from the broker to ${name}`).to.not.equal(undefined);
  const properties = (disconnect!.packet as { properties?: Record<string, unknown> }).properties ?? {};
  expect(properties, "the DISCONNECT's properties").to.not.have.property('sessionExpiryInterval');
});

Given('{client} shares {topic} in the group {string} at {qos}', async function (this: LabWorld, name: string, filter: string, group: string, qos: QoS) {
  await joinShareGroup(this, name, group, filter, qos);
});
