/**
 * Steps for normative statements of the spec that the other steps do not reach: a CONNECT with
 * its reserved flag set, a PUBLISH before any CONNECT, and what comes back for several topic
 * filters in one SUBSCRIBE or UNSUBSCRIBE. The hand-written packets go through
 * support/mqtt/raw-connection.ts; the acknowledgements are read from the client's wire record.
 */
import { Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import type { ProtocolVersion } from '../support/clients/lab-client';
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
