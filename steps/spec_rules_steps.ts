/**
 * Steps for normative statements of the spec that the other steps do not reach: a CONNECT with
 * its reserved flag set, a PUBLISH before any CONNECT, and what comes back for several topic
 * filters in one SUBSCRIBE or UNSUBSCRIBE. The hand-written packets go through
 * support/mqtt/raw-connection.ts; the acknowledgements are read from the client's wire record.
 */
import { Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import type { ProtocolVersion, QoS } from '../support/clients/lab-client';
import { lastAcknowledgement, subscribeInOnePacket, unsubscribeInOnePacket } from '../support/mqtt/acknowledgements';
import { connectBytes } from '../support/mqtt/raw-connection';
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
