/**
 * Bridges between the brokers of a scenario: knowing, without a sleep, that a bridge is up, and
 * proving across bridges that nothing more arrived.
 *
 * "Up" is two facts. Mosquitto's bridge state topic `$SYS/broker/connection/<remote client
 * id>/state` (retained on the bridging broker) reads 1 once the bridge got its CONNACK. That
 * is not yet enough: the bridge sends its SUBSCRIBEs (one per `in`/`both` topic line, in file
 * order) after the CONNACK, and a message the far broker routes before it has processed them
 * is not forwarded. So a probe message must also cross, in every direction the bridge carries,
 * published on one side and received on the other. For `in` the probe uses the LAST topic line
 * that subscribes: the far broker handles one connection's packets in order, so once that
 * subscription works, every earlier one does.
 */
import { BridgeConnection, bridgeConnections, carries } from '../brokers/bridge-config';
import { probeTopicIn } from './probe-topics';
import { isDown } from '../brokers/faults';
import { LabClient } from '../clients/lab-client';
import { WaitTimeout } from '../sync/waiting';
import { LabWorld } from '../world/world';

/** A bridge that is not up this long after its broker started is broken, not slow. */
export const BRIDGE_UP_MS = 5_000;
/** How often a probe is published again until one crosses (the far side may still subscribe). */
const PROBE_INTERVAL_MS = 100;

export function stateTopic(remoteClientId: string): string {
  return `$SYS/broker/connection/${remoteClientId}/state`;
}

/** One bridge connection of one broker of the scenario, and the broker it currently reaches. */
export interface BridgeLink {
  /** The broker whose configuration holds the `connection` block. */
  local: string;
  /** The scenario broker the bridge reaches (for several addresses: the one it is on now). */
  remote: string;
  connection: BridgeConnection;
}

const linkKey = (local: string, connection: string) => `${local}/${connection}`;

/** Every bridge of every broker of the scenario, read from the files the brokers run. */
export function bridgeLinks(world: LabWorld): BridgeLink[] {
  const links: BridgeLink[] = [];
  for (const [name, broker] of world.brokers) {
    for (const connection of bridgeConnections(broker.description)) {
      // Where a multi-address bridge is connected now, as the last "is up" wait found it.
      const active = world.bridges.get(linkKey(name, connection.name));
      const candidates = connection.remoteHosts.filter((host) => world.brokers.has(host));
      const remote = active ?? (candidates.length === 1 ? candidates[0] : undefined);
      if (remote) links.push({ local: name, remote, connection });
    }
  }
  return links;
}

/** The bridge of `local` that reaches `remote` (a bridge with several addresses counts for each). */
export function bridgeLink(world: LabWorld, local: string, remote: string): BridgeLink {
  const connections = bridgeConnections(world.broker(local).description);
  const connection = connections.find((c) => c.remoteHosts.includes(remote));
  if (!connection) {
    throw new Error(`The ${local} broker's configuration (${world.broker(local).description}) has no bridge to the ${remote} broker; its bridges reach ${JSON.stringify(connections.map((c) => c.remoteHosts))}`);
  }
  return { local, remote, connection };
}

/** The client that watches a broker's bridge state topics; one per broker, made on first use. */
export async function stateWatcher(world: LabWorld, broker: string): Promise<LabClient> {
  const name = `bridge watcher on ${broker}`;
  const watcher = world.client(name);
  if (!watcher.isConnected) {
    await world.connect(name, { broker });
    await watcher.subscribe('$SYS/broker/connection/+/state', { qos: 0 });
  }
  return watcher;
}

/** Is this the state topic of the link? remote_clientid if the config sets one, else Mosquitto's default. */
export function isStateOf(link: BridgeLink, topic: string): boolean {
  return stateTopicOf(link)(topic);
}

function stateTopicOf(link: BridgeLink): (topic: string) => boolean {
  const id = link.connection.remoteClientId;
  if (id) return (topic) => topic === stateTopic(id);
  // Mosquitto's default remote client id is "<hostname>.<connection name>".
  return (topic) => topic.startsWith('$SYS/broker/connection/') && topic.endsWith(`.${link.connection.name}/state`);
}

/** The latest value of the link's state topic that the watcher saw ("1", "0"), if any. */
export function latestState(watcher: LabClient, link: BridgeLink): string | undefined {
  const isState = stateTopicOf(link);
  return watcher.inbox.filter((m) => isState(m.topic)).at(-1)?.text;
}

const STATE_MEANING: Record<string, string> = { '1': '1 (connected)', '0': '0 (down)' };

/**
 * Waits until the bridge's state topic on its own broker reads `value` ("1" up, "0" down), and
 * returns when it saw it. The failure names the bound and the values seen.
 */
export async function waitForBridgeState(world: LabWorld, link: BridgeLink, value: '0' | '1', timeoutMs: number): Promise<number> {
  const watcher = await stateWatcher(world, link.local);
  const isState = stateTopicOf(link);
  try {
    await watcher.waitForMessage(`${value} as the latest value of the state topic of the bridge "${link.connection.name}"`, (m) => isState(m.topic) && latestState(watcher, link) === value, timeoutMs);
  } catch {
    const seen = watcher.inbox.filter((m) => isState(m.topic)).map((m) => STATE_MEANING[m.text] ?? `"${m.text}"`);
    throw new Error(
      `The bridge's state topic on the ${link.local} broker never read ${STATE_MEANING[value]} within ${(timeoutMs / 1000).toFixed(1)} s; ` +
        `it read ${seen.length > 0 ? seen.join(', then ') : 'nothing at all'} (bridge "${link.connection.name}" between the ${link.local} and the ${link.remote} broker)`,
    );
  }
  return Date.now();
}

/** The two ends of a probe in one direction across a link: where it is published and received. */
export interface ProbePath {
  from: { broker: string; topic: string };
  to: { broker: string; topic: string };
  qos: 0 | 1 | 2;
}

/**
 * The probe path across a link: `out` from the bridging broker to the remote one, `in` back.
 * Undefined when the bridge carries nothing in that direction.
 */
export function probePath(link: BridgeLink, direction: 'in' | 'out'): ProbePath | undefined {
  const lines = link.connection.topics.filter((t) => carries(t, direction));
  // `in`: the last subscribing line (see the module comment); `out`: any line works.
  const line = direction === 'in' ? lines.at(-1) : lines[0];
  if (!line) return undefined;
  const inner = probeTopicIn(line.pattern);
  const local = { broker: link.local, topic: line.localPrefix + inner };
  const remote = { broker: link.remote, topic: line.remotePrefix + inner };
  const qos = Math.min(line.qos, 1) as 0 | 1;
  return direction === 'out' ? { from: local, to: remote, qos } : { from: remote, to: local, qos };
}

let probeCounter = 0;

/**
 * Publishes a probe on one side until one arrives on the other, bounded by `timeoutMs`. The
 * repetition is there because the far side may still be subscribing; the first arrival ends it.
 */
export async function sendProbe(world: LabWorld, path: ProbePath, timeoutMs: number): Promise<void> {
  const receiver = await probeClient(world, path.to.broker);
  const sender = await probeClient(world, path.from.broker);
  await receiver.subscribe(path.to.topic, { qos: path.qos });
  const payload = `probe ${++probeCounter}`;
  const arrived = receiver.waitForMessage(`the probe "${payload}" on ${path.to.topic}`, (m) => m.topic === path.to.topic && m.text === payload, timeoutMs);
  const repeat = setInterval(() => void sender.publish(path.from.topic, payload, { qos: 0 }), PROBE_INTERVAL_MS);
  try {
    await sender.publish(path.from.topic, payload, { qos: path.qos });
    await arrived;
  } catch (error) {
    if (!(error instanceof WaitTimeout)) throw error;
    throw new Error(
      `A probe published on the ${path.from.broker} broker to ${path.from.topic} did not cross the bridge: ${error.message}. ` +
        'Check the topic line (direction, prefixes) and that the bridge is connected.',
    );
  } finally {
    clearInterval(repeat);
  }
}

async function probeClient(world: LabWorld, broker: string): Promise<LabClient> {
  const name = `bridge probe on ${broker}`;
  const client = world.client(name);
  if (!client.isConnected) await world.connect(name, { broker });
  return client;
}

/**
 * Waits until a bridge is up: its state topic reads 1 and a probe crosses in every direction
 * it carries. Returns the milliseconds it took.
 */
export async function waitForBridgeUp(world: LabWorld, link: BridgeLink, timeoutMs = BRIDGE_UP_MS): Promise<number> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  await waitForBridgeState(world, link, '1', timeoutMs);
  for (const direction of ['out', 'in'] as const) {
    const path = probePath(link, direction);
    if (path) await sendProbe(world, path, Math.max(1, deadline - Date.now()));
  }
  world.bridges.set(linkKey(link.local, link.connection.name), link.remote);
  return Date.now() - started;
}

/**
 * The cross-hop absence barrier: after it, every message any client published before it has
 * reached every subscriber it was ever going to reach, however many bridges it crossed.
 *
 * 1. A PINGREQ round trip on every client: each broker has routed what its clients sent,
 *    so each copy that is to cross a bridge is queued on that bridge's connection.
 * 2. A wave of probes across every link in every direction it carries: a bridge is one MQTT
 *    connection, handled in order, so each probe arrives after what was queued before it, and
 *    the far broker has routed those copies (onward too) before it routes the probe. One wave
 *    per hop of the longest path: brokers - 1 waves.
 * 3. The PINGREQ round trips again: what the last brokers routed to local subscribers arrived.
 *
 * `absenceOn` names the clients whose inbox the step then checks (for an absence or a count):
 * each must be connected, before and after, or the barrier fails at once, naming the client and
 * when its connection closed. A subscriber that left receives nothing either, which proves nothing.
 */
export async function settleAcrossBridges(world: LabWorld, absenceOn: string[], timeoutMs = 2_000): Promise<void> {
  await world.settle(...absenceOn);
  // Links to or from a broker that is down carry nothing: the barrier is about the live ones.
  const links = bridgeLinks(world).filter((link) => world.brokers.has(link.remote) && !isDown(world, link.local) && !isDown(world, link.remote));
  const waves = Math.max(1, world.brokers.size - 1);
  for (let wave = 0; wave < waves; wave++) {
    const paths = links.flatMap((link) => (['out', 'in'] as const).map((d) => probePath(link, d)).filter((p): p is ProbePath => p !== undefined));
    for (const path of paths) await sendProbe(world, path, timeoutMs);
  }
  await world.settle(...absenceOn);
}

export { isProbe } from './probe-topics';
