// `npm run shard-times -- reports/runs/<stamp> [more run folders]`: writes each scenario's
// measured wall time (from the runs' messages.ndjson) into scripts/shard-times.json, which
// `npm test -- --shard I/N` balances its shards by (scripts/run-shard.ts). Only passed scenarios
// count (a failure may have stopped early or waited out a bound); a scenario measured in several
// of the runs gets their mean. Scenarios the runs did not measure keep their time; ids of
// scenarios that no longer exist are dropped. Commit the file after a whole-suite run.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { loadConfiguration, loadSources } from '@cucumber/cucumber/api';
import { PROJECT_ROOT as ROOT } from '../support/world/paths';
import { scenarioResults } from './run-results';
import { readShardTimes, scenarioId, SHARD_TIMES_FILE, ShardTimes } from './run-shard';

function messagesOf(arg: string): string {
  const path = resolve(process.env.INIT_CWD || process.cwd(), arg);
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'messages.ndjson') : path;
  if (!existsSync(file)) throw new Error(`No messages.ndjson at ${arg}: give a run's report folder, as in \`npm run shard-times -- reports/runs/2026-12-06_17-33-02-22187\`.`);
  return file;
}

/** scenario id -> mean seconds of its passed runs in these message files. */
export function measuredTimes(messageFiles: string[]): ShardTimes {
  const samples = new Map<string, number[]>();
  for (const file of messageFiles) {
    for (const s of scenarioResults(file)) {
      if (s.status === 'PASSED') samples.set(scenarioId(s), [...(samples.get(scenarioId(s)) ?? []), s.ms / 1000]);
    }
  }
  return Object.fromEntries([...samples].map(([id, secs]) => [id, secs.reduce((a, b) => a + b, 0) / secs.length]));
}

async function existingScenarioIds(): Promise<Set<string>> {
  const { runConfiguration } = await loadConfiguration({ provided: [] }, { cwd: ROOT });
  const { plan } = await loadSources({ ...runConfiguration.sources, paths: ['features'], tagExpression: '' }, { cwd: ROOT });
  return new Set(plan.map(scenarioId));
}

async function main(args: string[]): Promise<void> {
  if (args.length === 0) throw new Error('Give one or more run folders: `npm run shard-times -- reports/runs/<stamp>`.');
  const measured = measuredTimes(args.map(messagesOf));
  const existing = await existingScenarioIds();
  const times = { ...readShardTimes(), ...measured };
  const kept = Object.keys(times).filter((id) => existing.has(id)).sort();
  writeFileSync(SHARD_TIMES_FILE, JSON.stringify(Object.fromEntries(kept.map((id) => [id, Math.round(times[id] * 100) / 100])), null, 2) + '\n');
  const missing = [...existing].filter((id) => !(id in times)).length;
  console.log(`${relative(ROOT, SHARD_TIMES_FILE)}: ${Object.keys(measured).length} scenarios measured, ${kept.length} known, ${missing} without a time (planned at the default).`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: Error) => {
    console.error(error.message);
    process.exit(2);
  });
}
