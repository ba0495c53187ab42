/**
 * Faults on a named broker of a scenario, as an operator (or a power cut) causes them:
 *  - stop: SIGTERM, a clean shutdown; Mosquitto saves its database, bridges say goodbye;
 *  - kill: SIGKILL, no goodbye; the kernel still closes the sockets, so peers notice at once;
 *  - pause: the process freezes, its TCP connections stay open and nothing answers, so peers
 *    notice only through keepalive (the hardest fault for a bridge: a hung or unreachable host);
 *  - start again / unpause;
 *  - a cut network: the cable between two brokers pulled (a router reboots, a VPN drops). Both
 *    brokers keep running and keep their own clients; their TCP connection to each other stays
 *    open on both ends, and its packets go nowhere. Like a pause, only keepalive reveals it,
 *    and here on BOTH ends: each side must notice the silence by itself.
 * Each fault is recorded with its time, so a later step can say how long the system took to
 * notice ("bridge state 0 after 140 ms") and to recover.
 */
import { PROMPTLY_MS } from '../sync/waiting';
import { LabWorld } from '../world/world';
import type { Fault, FaultRecord } from '../world/lesson-state';

export type { Fault, FaultRecord } from '../world/lesson-state';

/** Faults after which a broker's peers have lost it, and those after which they can find it again. */
export const LOSSES: Fault[] = ['killed', 'stopped', 'paused', 'cut off'];
export const RETURNS: Fault[] = ['started again', 'unpaused', 'reconnected'];

/** The scenario's faults, in the order they happened (the World keeps them). */
export function faultsOf(world: LabWorld): FaultRecord[] {
  return world.faults.records;
}

/** The latest of several kinds of fault on one or several brokers (the hub came back, the leaf did). */
export function lastFaultOf(world: LabWorld, brokers: string | string[], faults: Fault[]): FaultRecord {
  const names = Array.isArray(brokers) ? brokers : [brokers];
  const record = faultsOf(world).filter((f) => names.includes(f.broker) && faults.includes(f.fault)).at(-1);
  if (!record) throw new Error(`Nothing in this scenario ${faults.join(' or ')} the ${names.join(' or ')} broker`);
  return record;
}

/** Brokers that are stopped, killed or paused now: no client or probe can reach them. */
export function isDown(world: LabWorld, broker: string): boolean {
  const last = faultsOf(world).filter((f) => f.broker === broker).at(-1);
  return last !== undefined && (last.fault === 'stopped' || last.fault === 'killed' || last.fault === 'paused');
}

function record(world: LabWorld, broker: string, fault: Fault, startedAt?: number): void {
  faultsOf(world).push({ broker, fault, at: Date.now(), startedAt });
}

/** The broker a client was connected to when a fault cut it off: where it goes back to. */
export function brokerThatCutOff(world: LabWorld, client: string): string {
  const broker = world.faults.cutOffFrom.get(client);
  if (!broker) throw new Error(`No broker fault in this scenario cut ${client} off`);
  return broker;
}

/** The clients connected to a broker: they lose their connection when it stops or dies. */
function clientsOf(world: LabWorld, broker: string) {
  const url = world.broker(broker).url();
  return [...world.clients.values()].filter((c) => c.isConnected && c.connectedUrl === url);
}

/**
 * After a stop or kill every client of that broker was cut off. That is what the step asked
 * for, so their connection errors are looked at here and do not fail the scenario.
 */
async function expectClientsCutOff(world: LabWorld, broker: string, action: () => Promise<void>): Promise<void> {
  const cut = clientsOf(world, broker);
  for (const client of cut) world.faults.cutOffFrom.set(client.name, broker);
  await action();
  for (const client of cut) {
    await client.waitForClose(PROMPTLY_MS);
    client.observeErrors();
  }
}

export async function stopBroker(world: LabWorld, broker: string): Promise<void> {
  await expectClientsCutOff(world, broker, () => world.broker(broker).stopBroker());
  record(world, broker, 'stopped');
}

export async function killBroker(world: LabWorld, broker: string): Promise<void> {
  const startedAt = Date.now();
  await expectClientsCutOff(world, broker, () => world.broker(broker).kill());
  record(world, broker, 'killed', startedAt);
}

export async function pauseBroker(world: LabWorld, broker: string): Promise<void> {
  const startedAt = Date.now();
  await world.broker(broker).pause();
  record(world, broker, 'paused', startedAt);
}

export async function unpauseBroker(world: LabWorld, broker: string): Promise<void> {
  await world.broker(broker).unpause();
  record(world, broker, 'unpaused');
}

/**
 * Cuts the network between two brokers: the first one leaves the scenario network, so nothing
 * it sends reaches the second, and the other way round. Its clients, on its published ports,
 * stay connected. Recorded as a fault of both, since either end may be the one that notices.
 */
export async function cutNetwork(world: LabWorld, broker: string, peer: string): Promise<void> {
  const bystanders = [...world.brokers.keys()].filter((name) => name !== broker && name !== peer && world.isNetworked(name));
  if (bystanders.length > 0) {
    // Taking the broker off the network cuts all of its links; a step that names one link must not cut more.
    throw new Error(`Cutting the ${broker} broker off the network would cut its links to the ${bystanders.join(' and ')} broker too`);
  }
  world.networkOf(broker); // says so when the broker is on no scenario network
  await world.broker(broker).cutNetwork();
  record(world, broker, 'cut off');
  record(world, peer, 'cut off');
}

/** Puts the broker back on the scenario network under its own name: the cable plugged in again. */
export async function restoreNetwork(world: LabWorld, broker: string, peer: string): Promise<void> {
  world.networkOf(broker);
  await world.broker(broker).restoreNetwork();
  record(world, broker, 'reconnected');
  record(world, peer, 'reconnected');
}

/** Starts a stopped or killed broker again (on the plain path Docker may give it a new host port). */
export async function startBrokerAgain(world: LabWorld, broker: string): Promise<void> {
  await world.broker(broker).startAgain();
  record(world, broker, 'started again');
}
