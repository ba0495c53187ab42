/**
 * "Nothing we start listens beyond 127.0.0.1": the proof, from Docker's own data.
 *
 * Publishing a container port (`-p 1883`, testcontainers' exposed ports) makes Docker listen on
 * the HOST, by default on every interface (0.0.0.0 and ::): a broker that lets anonymous clients
 * in would then sit on the learner's network (a café's wifi, an office LAN) for as long as it
 * runs. Bound to 127.0.0.1, only programs on this machine reach it.
 *
 * Two independent checks: what Docker says (the container's port bindings, both as requested
 * and as in effect), and what the network says (a TCP connection to the published port through
 * each of this machine's non-loopback addresses must not get through).
 */
import { Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { dockerApi } from './docker/docker-api';

/** One published port, as `docker inspect` shows it. */
export interface PortBinding {
  /** e.g. "1883/tcp" */
  containerPort: string;
  /** "127.0.0.1", or "0.0.0.0" / "::" / "" for every interface. */
  hostIp: string;
  hostPort: string;
  /** "requested" (HostConfig.PortBindings) or "in effect" (NetworkSettings.Ports). */
  source: 'requested' | 'in effect';
}

const LOOPBACK = new Set(['127.0.0.1', '::1']);

/** Every port binding of a container: those it asked for and those Docker set up. */
export async function portBindingsOf(containerId: string): Promise<PortBinding[]> {
  const docker = await dockerApi();
  const info = await docker.getContainer(containerId).inspect();
  const bindings: PortBinding[] = [];
  const collect = (ports: Record<string, { HostIp?: string; HostPort?: string }[] | null> | undefined, source: PortBinding['source']) => {
    for (const [containerPort, hostBindings] of Object.entries(ports ?? {})) {
      for (const binding of hostBindings ?? []) {
        bindings.push({ containerPort, hostIp: binding.HostIp ?? '', hostPort: binding.HostPort ?? '', source });
      }
    }
  };
  collect(info.HostConfig?.PortBindings as Record<string, { HostIp?: string; HostPort?: string }[]> | undefined, 'requested');
  collect(info.NetworkSettings?.Ports, 'in effect');
  return bindings;
}

/** The bindings that listen beyond this machine: any host address but 127.0.0.1 and ::1. */
export function beyondLoopback(bindings: PortBinding[]): PortBinding[] {
  return bindings.filter((b) => !LOOPBACK.has(b.hostIp));
}

/** "1883/tcp on 0.0.0.0:33321 (in effect)"; an empty host address means every interface. */
export function describeBinding(b: PortBinding): string {
  const where = b.hostIp === '' || b.hostIp === '0.0.0.0' || b.hostIp === '::' ? `every interface (${b.hostIp || 'no address given'})` : b.hostIp;
  const port = b.hostPort === '' || b.hostPort === '0' ? 'a random port' : `port ${b.hostPort}`;
  return `${b.containerPort} ${b.source} on ${where}, ${port}`;
}

/** This machine's addresses that other machines can use: every non-internal IPv4 and IPv6 address. */
export function networkAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((addresses) => addresses ?? [])
    .filter((a) => !a.internal && !a.address.startsWith('fe80:'))
    .map((a) => a.address);
}

/**
 * Tries a TCP connection; resolves true when it got through. A refusal or no answer within
 * `timeoutMs` (a firewall dropping the packets) both mean "not reachable".
 */
export function canConnect(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (reached: boolean) => {
      socket.destroy();
      resolve(reached);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}
