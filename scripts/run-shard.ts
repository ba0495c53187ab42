// `npm test -- --shard 2/4 [lab paths] [--tags ...]`: runs one part of the selected scenarios, so
// that CI can run a big selection as parallel jobs of its own (.github/workflows/labs.yml) and
// merge their reports after (scripts/merge-reports.ts). The split works on cucumber's own plan
// (after its paths, lines and tags: scripts/run-selection.ts), so the shards of one selection
// together run exactly that selection, each scenario once. It is deterministic (the same
// selection and timings file give the same split on every machine) and balanced by each
// scenario's measured wall time (scripts/shard-times.json, written by `npm run shard-times`):
// greedy, longest first, each scenario into the shard with the least time planned so far.
// Scenarios, not features, are split: every scenario starts its own brokers.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IPlannedPickle } from '@cucumber/cucumber/api';
import { PROJECT_ROOT as ROOT } from '../support/world/paths';
import type { Selection } from './run-selection';
import { SelectionError } from './run-selection';

/** `--shard 2/4`: the second of four shards (counted from 1, as CI matrices count). */
export interface Shard {
  index: number;
  total: number;
}

/** scenario id -> seconds, measured (see scripts/shard-times.ts). */
export type ShardTimes = Record<string, number>;

export const SHARD_TIMES_FILE = join(ROOT, 'scripts', 'shard-times.json');
/**
 * A scenario the timings file does not know yet (a new one) is planned at the mean of those it
 * knows: the times are skewed (most scenarios take a tenth of a second, a bridge's up to 12 s),
 * and the mean, not the median, is what a new lab's scenarios add up to on average.
 */
export function defaultSeconds(times: ShardTimes): number {
  const known = Object.values(times);
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : 1;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const total = Number(match?.[2]);
  if (!match || total < 1 || index < 1 || index > total) {
    throw new SelectionError(`--shard "${text}": write which shard (from 1) and how many shards, as in \`--shard 2/4\` (the second of four).`);
  }
  return { index, total };
}

/**
 * A scenario's id in the timings file: its feature file and its name (stable when lines move;
 * an outline's rows have their values in their names). Two scenarios of one file with the same
 * name (none today) would share one time; each still runs in exactly one shard.
 */
export function scenarioId(scenario: { uri: string; name: string }): string {
  return `${scenario.uri}: ${scenario.name}`;
}

export function readShardTimes(file = SHARD_TIMES_FILE): ShardTimes {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ShardTimes) : {};
}

export interface PlannedShard {
  scenarios: IPlannedPickle[];
  seconds: number;
}

/** Equal times go in the order of file and line: an order of our own, whatever order the files were found in. */
const byFileAndLine = (a: IPlannedPickle, b: IPlannedPickle) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.location.line - b.location.line);

/**
 * Splits the plan into `total` shards. Longest first; a tie between shards goes to the lower
 * number. Each shard keeps its scenarios in the plan's order (lab by lab, as a whole run prints them).
 */
export function splitIntoShards(plan: readonly IPlannedPickle[], total: number, times: ShardTimes = readShardTimes()): PlannedShard[] {
  const unknown = defaultSeconds(times);
  const secondsOf = (p: IPlannedPickle) => times[scenarioId(p)] ?? unknown;
  const longestFirst = plan.map((pickle, order) => ({ pickle, order, seconds: secondsOf(pickle) })).sort((a, b) => b.seconds - a.seconds || byFileAndLine(a.pickle, b.pickle));
  const bins = Array.from({ length: total }, () => ({ entries: [] as typeof longestFirst, seconds: 0 }));
  for (const entry of longestFirst) {
    const emptiest = bins.reduce((best, bin) => (bin.seconds < best.seconds ? bin : best));
    emptiest.entries.push(entry);
    emptiest.seconds += entry.seconds;
  }
  return bins.map((bin) => ({ scenarios: bin.entries.sort((a, b) => a.order - b.order).map((e) => e.pickle), seconds: bin.seconds }));
}

/** `file.feature:12:30`: cucumber's own way to select scenarios by line, one argument per file. */
export function scenarioPaths(scenarios: readonly IPlannedPickle[]): string[] {
  const linesOf = new Map<string, number[]>();
  for (const s of scenarios) linesOf.set(s.uri, [...(linesOf.get(s.uri) ?? []), s.location.line]);
  return [...linesOf].map(([uri, lines]) => `${uri}:${lines.join(':')}`);
}

/** Narrows the selection to one shard and prints the planned time of every shard. */
export function selectShard(selection: Selection, shard: Shard): Selection {
  const shards = splitIntoShards(selection.plan, shard.total);
  const mine = shards[shard.index - 1];
  const planned = shards.map((s, i) => `${i + 1}: ${s.scenarios.length} scenarios, ${s.seconds.toFixed(1)} s`).join('; ');
  console.log(`Shard ${shard.index}/${shard.total} of ${selection.plan.length} scenarios (planned scenario time by shard: ${planned}).`);
  const sources = selection.runConfiguration.sources;
  if (mine.scenarios.length) sources.paths = scenarioPaths(mine.scenarios);
  // More shards than scenarios: this one runs none, and still writes its (empty) reports.
  else sources.names = ['(?!)']; // a name pattern that matches no name
  return { ...selection, plan: mine.scenarios, scenarios: mine.scenarios.length };
}
