/**
 * Which packets of a scenario are the test's machinery rather than the lesson, so the sequence
 * diagram can leave them out or label them:
 *  - the clients support/mqtt/bridges.ts makes to watch a bridge's state topic and to send
 *    probes across it ("bridge watcher on leaf", "bridge probe on hub");
 *  - the absence barrier's PINGREQ/PINGRESP rounds (LabWorld.settle: two round trips on every
 *    client, back to back). A client's keepalive never sends two PINGREQs without anything in
 *    between, so a run of ping packets in which one client sent two PINGREQs is the barrier.
 */
import type { WirePacket } from '../clients/protocol-types';

/** The names bridges.ts gives its watcher and probe clients. */
export function isMachineryClient(name: string): boolean {
  return /^bridge (watcher|probe) on /.test(name);
}

const isPing = (w: WirePacket) => w.packet.cmd === 'pingreq' || w.packet.cmd === 'pingresp';

/**
 * The indexes of `traffic` (in the order drawn) that belong to a barrier run; each run is
 * returned as [first, last] so the diagram can draw one note in its place.
 */
export function barrierRuns<T extends { w: WirePacket; clientName: string }>(traffic: T[]): [number, number][] {
  const runs: [number, number][] = [];
  let start = 0;
  while (start < traffic.length) {
    if (!isPing(traffic[start].w)) {
      start++;
      continue;
    }
    let end = start;
    while (end + 1 < traffic.length && isPing(traffic[end + 1].w)) end++;
    const pingsBy = new Map<string, number>();
    for (const t of traffic.slice(start, end + 1)) {
      if (t.w.packet.cmd === 'pingreq') pingsBy.set(t.clientName, (pingsBy.get(t.clientName) ?? 0) + 1);
    }
    if ([...pingsBy.values()].some((n) => n >= 2)) runs.push([start, end]);
    start = end + 1;
  }
  return runs;
}
