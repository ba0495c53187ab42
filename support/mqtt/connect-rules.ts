/**
 * The rules of CONNECT that a client library keeps for you, and what the broker does when a
 * client breaks them: a second CONNECT on an open connection [MQTT-3.1.0-2], a durable session
 * without a client id [MQTT-3.1.3-7]. MQTT.js will not break them, so these helpers write the
 * packet past it (mqtt-packet's writeToStream, the encoder MQTT.js itself uses) or ask MQTT.js
 * and report its refusal.
 */
import { expect } from 'chai';
import mqtt from 'mqtt';
import { IConnectPacket, writeToStream } from 'mqtt-packet';
import { LabClient } from '../clients/lab-client';
import { PROMPTLY_MS, WaitTimeout } from '../sync/waiting';
import { LabWorld } from '../world/world';

/**
 * Writes a second CONNECT onto the client's open connection, as a client that "reconnects"
 * without opening a new socket would. Announced as 'packetsend' so that it shows in the trace.
 */
export function sendSecondConnect(client: LabClient): void {
  client.expectConnected('sending a second CONNECT');
  const connect: IConnectPacket = { cmd: 'connect', protocolId: 'MQTT', protocolVersion: client.protocolVersion, clientId: client.clientId, clean: true, keepalive: 30 };
  client.raw.emit('packetsend', connect);
  writeToStream(connect, client.raw.stream, { protocolVersion: client.protocolVersion });
}

/**
 * After the last CONNECT the client sent, the broker answered nothing (no CONNACK, no
 * DISCONNECT) and closed the connection within PROMPTLY_MS.
 */
export async function expectClosedWithoutAnswer(client: LabClient): Promise<void> {
  const from = client.trace.map((t) => t.direction === 'sent' && t.packet.cmd === 'connect').lastIndexOf(true);
  try {
    await client.waitForClose(PROMPTLY_MS);
  } catch (error) {
    if (!(error instanceof WaitTimeout)) throw error;
    throw new Error(`The broker did not close ${client.name}'s connection within ${PROMPTLY_MS} ms after its second CONNECT: it accepts a protocol violation [MQTT-3.1.0-2]`);
  }
  // Losing the connection is the expected outcome here, not an error.
  client.observeErrors();
  const answers = client.trace.slice(from + 1).filter((t) => t.direction === 'received').map((t) => t.packet.cmd.toUpperCase());
  expect(answers, `packets the broker sent ${client.name} after its second CONNECT, before closing the connection`).to.deep.equal([]);
}

/**
 * What MQTT.js says when asked for a durable session without a client id: it throws before it
 * opens a socket, so no broker ever sees such a CONNECT from it. Returns the error's message.
 */
export async function mqttJsRefusalOfEmptyIdForDurableSession(world: LabWorld): Promise<string | undefined> {
  try {
    const client = mqtt.connect(world.broker().url(), { clientId: '', clean: false, protocolVersion: 4, manualConnect: true, reconnectPeriod: 0 });
    client.end(true);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
