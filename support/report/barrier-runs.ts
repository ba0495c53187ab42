/**
 * Which packets of a scenario are the test's machinery rather than the lesson, so the sequence
 * diagram can leave them out or label them:
 *  - the clients support/mqtt/bridges.ts makes to watch a bridge's state topic and to send
 *    probes across it ("bridge watcher on leaf", "bridge probe on hub");
 *  - the absence barrier's PINGREQ/PINGRESP rounds (LabWorld.settle: two round trips on every
 *    client, back to back) and the probes it sends across bridges, which a scenario client
 *    subscribed to a wide filter receives too. A client's keepalive never sends two PINGREQs
 *    without anything in between, so a run of such packets in which one client sent two
 *    PINGREQs is the barrier. A probe outside such a run (while a bridge comes up) is left out.
 */
import type { WirePacket } from '../clients/protocol-types';
import { isProbe } from '../mqtt/probe-topics';

/** The names bridges.ts gives its watcher and probe clients. */
export function isMachineryClient(name: string): boolean {
  return /^bridge (watcher|probe) on /.test(name);
}

const isPing = (w: WirePacket) => w.packet.cmd === 'pingreq' || w.packet.cmd === 'pingresp';

/** A probe bridges.ts sent across a bridge (its topic has a `bridge-probe` level). */
const isProbePublish = (w: WirePacket) => w.packet.cmd === 'publish' && isProbe((w.packet as { topic?: string }).topic ?? '');

/**
 * The packets of one client that are the test's: pings, probes it received, and its
 * acknowledgements of those probes (same message id, after the probe).
 */
export function machineryPackets(wire: WirePacket[]): Set<WirePacket> {
  const found = new Set<WirePacket>();
  const probeIds = new Set<number>();
  for (const w of wire) {
    const id = (w.packet as { messageId?: number }).messageId;
    if (isPing(w)) found.add(w);
    else if (isProbePublish(w)) {
      found.add(w);
      if (id !== undefined) probeIds.add(id);
    } else if (id !== undefined && probeIds.has(id) && ['puback', 'pubrec', 'pubrel', 'pubcomp'].includes(w.packet.cmd)) found.add(w);
  }
  return found;
}

/**
 * The indexes of `traffic` (in the order drawn) that belong to a barrier run; each run is
 * returned as [first, last] so the diagram can draw one note in its place.
 */
export function barrierRuns<T extends { w: WirePacket; clientName: string }>(traffic: T[], machinery: Set<WirePacket>): [number, number][] {
  const runs: [number, number][] = [];
  let start = 0;
  while (start < traffic.length) {
    if (!machinery.has(traffic[start].w)) {
      start++;
      continue;
    }
    let end = start;
    while (end + 1 < traffic.length && machinery.has(traffic[end + 1].w)) end++;
    const pingsBy = new Map<string, number>();
    for (const t of traffic.slice(start, end + 1)) {
      if (t.w.packet.cmd === 'pingreq') pingsBy.set(t.clientName, (pingsBy.get(t.clientName) ?? 0) + 1);
    }
    if ([...pingsBy.values()].some((n) => n >= 2)) runs.push([start, end]);
    start = end + 1;
  }
  return runs;
}
