/**
 * Lab 15 support: clients reach independent brokers through a TCP load balancer (HAProxy or
 * NGINX, support/services/kinds/). The balancer forwards bytes; it copies nothing between the
 * brokers, and each broker knows only the clients and sessions that landed on it.
 *
 * Where a client landed is read from the brokers themselves, never from the balancer: each
 * broker logs "New client connected from <address> as <client id>" (brokers/lab15/broker.conf
 * keeps connection_messages on). The wait for that line starts on every broker BEFORE the
 * client connects, so the line cannot slip past it.
 */
import { IClientOptions } from 'mqtt';
import { readLabFiles, parseConfigRef } from '../brokers/lab-files';
import { newClientId } from '../clients/lab-client';
import { clientMachine } from '../services/kinds/client-machine';
import { haproxy } from '../services/kinds/haproxy';
import { nginx } from '../services/kinds/nginx';
import type { Service } from '../services/service';
import type { ServiceKind } from '../services/service-kind';
import { PROMPTLY_MS } from '../sync/waiting';
import type { LabWorld } from '../world/world';

/** The balancer's name in a scenario: its host name on the scenario network too. */
export const BALANCER = 'balancer';
/** HAProxy's statistics page (brokers/lab15/haproxy*.cfg: `bind :8404`, `stats uri /stats`). */
export const HAPROXY_STATS_PORT = 8404;

/** HAProxy reads .cfg files, NGINX .conf files: the lab's file names say which one runs. */
export function balancerKind(configFile: string): ServiceKind {
  if (configFile.endsWith('.cfg')) return haproxy;
  if (configFile.endsWith('.conf')) return nginx;
  throw new Error(`A load balancer runs brokers/labNN/haproxy*.cfg (HAProxy) or nginx*.conf (NGINX), not "${configFile}"`);
}

/** Starts the balancer on a lab file (read from disk now, break-it copies laid over) on the scenario network. */
export async function startLoadBalancer(world: LabWorld, configRef: string): Promise<Service> {
  const ref = parseConfigRef(configRef);
  const kind = balancerKind(ref.configFile);
  return world.services.start(kind, {
    name: BALANCER,
    description: configRef,
    files: readLabFiles(ref),
    configFile: ref.configFile,
    // The ports its pooled containers publish: MQTT, and HAProxy's statistics page.
    ports: [...(kind.pooled?.ports ?? [kind.defaultPort])],
  });
}

export function balancerOf(world: LabWorld): Service {
  return world.services.get(BALANCER);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Runs `connect` (a connection through the balancer by the client `clientId`) and resolves with
 * the broker that logged it, recorded in world.landings under `name`.
 */
export async function landingOf<T>(world: LabWorld, name: string, clientId: string, connect: () => Promise<T>): Promise<string> {
  const accepted = new RegExp(`New client connected from \\S+ as ${escapeRegExp(clientId)} \\(`);
  const waits = [...world.brokers.entries()].map(([broker, service]) =>
    service.waitForLogLine(accepted, PROMPTLY_MS, `the ${broker} broker accepts ${clientId}`).then(() => broker),
  );
  const landed = Promise.any(waits);
  landed.catch(() => undefined); // looked at below, unless the connection itself failed first
  await connect();
  const broker = await landed.catch(() => {
    throw new Error(
      `${name} connected through the load balancer, but no broker logged a new client "${clientId}" within ${PROMPTLY_MS} ms ` +
        '(brokers/lab15/broker.conf must keep `connection_messages true`)',
    );
  });
  const landings = world.landings.get(name) ?? [];
  landings.push(broker);
  world.landings.set(name, landings);
  world.log(`${name} (${clientId}) landed on the ${broker} broker`);
  return broker;
}

/** Connects an MQTT.js client of the scenario through the balancer; resolves with the broker it landed on. */
export async function connectThroughBalancer(world: LabWorld, name: string, clientOptions: IClientOptions = {}): Promise<string> {
  const client = world.client(name);
  const url = balancerOf(world).url();
  return landingOf(world, name, client.clientId, () => client.connect(url, clientOptions));
}

/** Every broker a client's connections landed on, in order. */
export function landingsOf(world: LabWorld, name: string): string[] {
  const landings = world.landings.get(name);
  if (!landings?.length) throw new Error(`${name} has not connected through the load balancer in this scenario`);
  return landings;
}

/** The broker a client's latest connection landed on. */
export function lastLandingOf(world: LabWorld, name: string): string {
  return landingsOf(world, name).at(-1)!;
}

/** Where each client's latest connection landed, for messages: "meter on alpha, gauge on bravo (by the brokers' own logs)". */
export function describeLandings(world: LabWorld, names: string[]): string {
  return `${names.map((name) => `${name} on ${lastLandingOf(world, name)}`).join(', ')} (by the brokers' own logs)`;
}

/** The clients among `names` whose latest connection landed on `broker`. */
export function landedOn(world: LabWorld, names: string[], broker: string): string[] {
  return names.filter((name) => lastLandingOf(world, name) === broker);
}

/**
 * A device on a machine of its own: a container on the scenario network, so its connections
 * come from its own address (support/services/kinds/client-machine.ts).
 */
export async function startDeviceMachine(world: LabWorld, device: string): Promise<void> {
  await world.services.start(clientMachine, { name: machineName(device), description: `the ${device}'s machine`, files: [], configFile: 'none', ports: [...clientMachine.pooled!.ports] });
}

function machineName(device: string): string {
  return `${device.replace(/\s+/g, '-')}-machine`;
}

/**
 * The device connects from its machine with mosquitto_pub, through the balancer's name on the
 * scenario network, publishes one message at QoS 1 and disconnects; resolves with the broker
 * it landed on. Each connection has a client id of its own: the source address is all the
 * balancer may stick on.
 */
export async function connectFromMachine(world: LabWorld, device: string): Promise<string> {
  const machine = world.services.get(machineName(device));
  const clientId = newClientId(device.replace(/\s+/g, '-'));
  return landingOf(world, device, clientId, async () => {
    const command = ['mosquitto_pub', '-h', BALANCER, '-p', '1883', '-i', clientId, '-q', '1', '-t', 'lab15/hello', '-m', `hello from the ${device}`];
    const { output, exitCode } = await machine.exec(command);
    if (exitCode !== 0) throw new Error(`The ${device}'s mosquitto_pub through the load balancer failed (exit code ${exitCode}): ${output.trim()}`);
  });
}
