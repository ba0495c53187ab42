/**
 * Lab 5 support: keepalive. A client promises in CONNECT to send something at least every
 * `keepalive` seconds; when it has nothing to say, MQTT.js sends PINGREQ and the broker answers
 * PINGRESP. A broker that hears nothing for 1.5 x keepalive closes the connection as if the
 * network had failed [MQTT-3.1.2-24], and publishes the client's will. Mosquitto computes
 * `keepalive * 3 / 2` in whole seconds (3 s -> 4 s, 1 s -> 1 s) and checks once a second.
 *
 * To make a client fall silent without breaking its socket, this module switches off MQTT.js's
 * keepalive timer (its KeepaliveManager, which sends the PINGREQs; see
 * node_modules/mqtt/build/lib/KeepaliveManager.js). The TCP connection stays open and healthy:
 * exactly the case keepalive exists for, a peer that is "connected" but no longer there
 * (a frozen process, a half-open connection after a NAT timeout).
 */
import { expect } from 'chai';
import { LabClient } from '../clients/lab-client';
import { connectionClosedAt } from '../sync/protocol-clock';
import { PROMPTLY_MS, WaitTimeout } from '../sync/waiting';
import { LabWorld } from '../world/world';
import type { Silence } from '../world/lesson-state';

/**
 * The client sends one last PINGREQ (so the moment of its last packet is known exactly) and then
 * nothing at all: its keepalive timer is gone, and the scenario sends nothing on its behalf.
 */
export async function fallSilent(world: LabWorld, name: string): Promise<Silence> {
  const client = world.existingClient(name);
  client.raw.keepaliveManager?.destroy();
  const traceMarks = new Map([...world.clients.values()].map((c) => [c, c.trace.length] as const));
  const since = Date.now();
  await client.roundTrip();
  const silence = { since, traceMarks };
  world.silences.set(name, silence);
  return silence;
}

export function silenceOf(world: LabWorld, name: string): Silence {
  const silence = world.silences.get(name);
  if (!silence) throw new Error(`${name} has not fallen silent in this scenario`);
  return silence;
}

/**
 * The broker closed the silent client's connection no sooner than `earliestMs` and no later than
 * `latestMs` after its last packet.
 */
export async function expectCutOffBetween(world: LabWorld, name: string, earliestMs: number, latestMs: number): Promise<void> {
  const silent = world.existingClient(name);
  const { since } = silenceOf(world, name);
  try {
    await silent.waitForClose(Math.max(0, since + latestMs - Date.now()));
  } catch (error) {
    if (error instanceof WaitTimeout) throw new Error(`The broker did not cut ${name} off within ${latestMs} ms after its last packet`);
    throw error;
  }
  const cutOffAfterMs = connectionClosedAt(silent) - since;
  expect(cutOffAfterMs, `ms from ${name}'s last packet to the broker closing its connection`).to.be.within(earliestMs, latestMs);
}

/** The keepalive (seconds) of the client's current connection, as its CONNECT said on the wire. */
export function keepaliveSentBy(client: LabClient): number {
  const connect = client.wire.filter((w) => w.direction === 'sent' && w.packet.cmd === 'connect').at(-1);
  const keepalive = (connect?.packet as { keepalive?: number } | undefined)?.keepalive;
  if (!keepalive) throw new Error(`${client.name} sent no CONNECT with a keepalive`);
  return keepalive;
}

/** The packets a client sent and received since another client fell silent. */
export function packetsSince(silence: Silence, client: LabClient) {
  const traced = client.trace.slice(silence.traceMarks.get(client) ?? 0);
  return {
    sent: traced.filter((t) => t.direction === 'sent').map((t) => t.packet.cmd),
    received: traced.filter((t) => t.direction === 'received').map((t) => t.packet.cmd),
  };
}

/**
 * The client sent nothing but PINGREQs since `silence` began, at least `minimum` of them, and
 * got a PINGRESP for every one (waiting briefly for the answer to a PINGREQ still in flight).
 */
export async function expectOnlyAnsweredPings(silence: Silence, client: LabClient, minimum: number): Promise<void> {
  const { sent } = packetsSince(silence, client);
  expect(sent.filter((cmd) => cmd !== 'pingreq'), `packets other than PINGREQ that ${client.name} sent`).to.deep.equal([]);
  expect(sent.length, `PINGREQs ${client.name} sent`).to.be.at.least(minimum);
  const mark = silence.traceMarks.get(client) ?? 0;
  await client.waitForPacket(
    `a PINGRESP for each of its ${sent.length} PINGREQs`,
    () => client.trace.slice(mark).filter((t) => t.direction === 'received' && t.packet.cmd === 'pingresp').length >= sent.length,
    PROMPTLY_MS,
  );
}
