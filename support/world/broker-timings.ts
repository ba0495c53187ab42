/**
 * For `npm run bench` only: how long each broker of a scenario took to start, written as one
 * JSON line per broker to the run configuration's timings file. The benchmark subtracts these
 * from the steps that started them, so a step that starts a broker AND waits for its bridge
 * counts the start as overhead and the wait as MQTT work. Without a timings file nothing is written.
 */
import { appendFileSync } from 'node:fs';
import { runConfig } from '../run/run-config';

/** Writes one broker start of a scenario (its pickle id, as in the run's message stream). */
export function recordBrokerStart(pickleId: string | undefined, broker: string, ms: number): void {
  const file = runConfig().timingsFile;
  if (!file || !pickleId) return;
  // One short line per call with O_APPEND: lines of parallel workers do not interleave.
  appendFileSync(file, `${JSON.stringify({ pickleId, broker, ms })}\n`);
}
