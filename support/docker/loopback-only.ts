/**
 * "Nothing we start listens beyond 127.0.0.1": the proof, from Docker's own data.
 *
 * Publishing a container port (`-p 1883`, testcontainers' exposed ports) makes Docker listen on
 * the HOST, by default on every interface (0.0.0.0 and ::): a broker that lets anonymous clients
 * in would then sit on the learner's network (a café's wifi, an office LAN) for as long as it
 * runs. Bound to 127.0.0.1, only programs on this machine reach it.
 *
 * Two independent checks: what Docker says (the container's port bindings, both as requested
 * and as in effect), and what the kernel says (the sockets listening on the published port).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dockerApi } from './docker-api';

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

/**
 * The local addresses of the sockets listening on a TCP port of this machine, read from the
 * kernel's socket tables (/proc/net/tcp and tcp6 on Linux; `lsof` elsewhere). Docker's proxy
 * for a published port is such a socket: 127.0.0.1 means "this machine only", 0.0.0.0 or ::
 * "every interface". Read, not probed: no packet is sent to any address.
 */
export function listeningAddresses(port: number): string[] {
  if (existsSync('/proc/net/tcp')) {
    return ['/proc/net/tcp', '/proc/net/tcp6'].filter(existsSync).flatMap((table) =>
      readFileSync(table, 'utf8')
        .split('\n')
        .slice(1)
        .map((line) => line.trim().split(/\s+/))
        .filter((fields) => fields.length > 3 && fields[3] === LISTEN && parseInt(fields[1].split(':')[1], 16) === port)
        .map((fields) => kernelAddress(fields[1].split(':')[0])),
    );
  }
  const lsof = spawnSync('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fn'], { encoding: 'utf8' });
  return (lsof.stdout ?? '').split('\n').filter((l) => l.startsWith('n')).map((l) => l.slice(1).replace(/:\d+$/, '').replace(/^\[|\]$/g, ''));
}

/** The TCP state "listening" in the kernel's tables. */
const LISTEN = '0A';

/** /proc/net/tcp writes addresses as hex in the host's byte order, 32 bits at a time. */
function kernelAddress(hex: string): string {
  const words = hex.match(/.{8}/g) ?? [];
  const bytes = words.flatMap((word) => (word.match(/../g) ?? []).reverse().map((b) => parseInt(b, 16)));
  if (bytes.length === 4) return bytes.join('.');
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] << 8) | bytes[2 * i + 1]).toString(16));
  return groups.join(':').replace(/(^|:)0(:0)+(:|$)/, '::');
}

export function isLoopback(address: string): boolean {
  return LOOPBACK.has(address) || address.startsWith('127.');
}
