/**
 * `npm test -- --shard I/N` (scripts/run-shard.ts) on the real feature files: the shards of a
 * selection, each selected again by cucumber's own line filter as the runner does, hold every
 * scenario of the selection exactly once; the split is the same every time; the planned times
 * are balanced within the longest scenario (what greedy longest-first guarantees).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IPlannedPickle, loadSources } from '@cucumber/cucumber/api';
import { PROJECT_ROOT as ROOT } from '../../support/world/paths';
import { parseShard, readShardTimes, scenarioId, scenarioPaths, splitIntoShards, defaultSeconds } from '../../scripts/run-shard';
import { SelectionError, selectScenarios } from '../../scripts/run-selection';
import { readCommandLine } from '../../scripts/run-options';

const key = (p: IPlannedPickle) => `${p.uri}:${p.location.line}`;

async function selection(args: string[] = []) {
  return selectScenarios(args, ['features']);
}

/** What cucumber itself selects from a shard's `file.feature:LINE:LINE` paths. */
async function selectedByCucumber(sources: Awaited<ReturnType<typeof selection>>['runConfiguration']['sources'], shard: IPlannedPickle[]) {
  if (shard.length === 0) return [];
  return (await loadSources({ ...sources, paths: scenarioPaths(shard) }, { cwd: ROOT })).plan;
}

for (const args of [[], ['--tags', '@mqtt5'], ['features/lab02', 'features/lab07']]) {
  test(`every scenario of the selection [${args.join(' ') || 'all labs'}] runs in exactly one of 1 to 5 shards`, async () => {
    const { plan, runConfiguration } = await selection(args);
    assert.ok(plan.length > 20, `the selection has scenarios (${plan.length})`);
    for (let total = 1; total <= 5; total++) {
      const ran: string[] = [];
      for (const shard of splitIntoShards(plan, total)) {
        const cucumberRuns = await selectedByCucumber(runConfiguration.sources, shard.scenarios);
        assert.deepEqual(cucumberRuns.map(key), shard.scenarios.map(key), `cucumber's line filter selects exactly the shard's scenarios (${total} shards)`);
        ran.push(...cucumberRuns.map(key));
      }
      assert.equal(ran.length, plan.length, `${total} shards: no scenario lost or run twice`);
      assert.deepEqual([...ran].sort(), plan.map(key).sort(), `${total} shards: the selection, each scenario once`);
    }
  });
}

test('the split is the same every time, whatever the order of the timings file or of the features found', async () => {
  const { plan } = await selection();
  const times = readShardTimes();
  const reversed = Object.fromEntries(Object.entries(times).reverse());
  const split = (t: typeof times, p = plan) => splitIntoShards(p, 4, t).map((s) => s.scenarios.map(key).sort());
  assert.deepEqual(split(times), split(times));
  assert.deepEqual(split(reversed), split(times));
  assert.deepEqual(split(times, [...plan].reverse()), split(times));
  assert.deepEqual(split({}, [...plan].reverse()), split({}), 'all times equal (no timings file)');
});

test('the planned times of the shards differ by at most the longest scenario', async () => {
  const { plan } = await selection();
  const times = readShardTimes();
  const longest = Math.max(...plan.map((p) => times[scenarioId(p)] ?? defaultSeconds(times)));
  for (const total of [2, 3, 4, 8]) {
    const seconds = splitIntoShards(plan, total, times).map((s) => s.seconds);
    assert.ok(Math.max(...seconds) - Math.min(...seconds) <= longest + 1e-9, `${total} shards: ${seconds.map((s) => s.toFixed(1)).join(', ')} s (longest scenario ${longest} s)`);
  }
});

test('a scenario the timings file does not know is planned at the mean time', () => {
  const plan: IPlannedPickle[] = ['a', 'b', 'c', 'd'].map((name, i) => ({ name, uri: 'features/x.feature', location: { line: i + 1 } }));
  const times = { 'features/x.feature: a': 9, 'features/x.feature: b': 1, 'features/x.feature: c': 2 };
  assert.equal(defaultSeconds(times), 4);
  assert.deepEqual(
    splitIntoShards(plan, 2, times).map((s) => [s.scenarios.map((p) => p.name), s.seconds]),
    [[['a'], 9], [['b', 'c', 'd'], 7]],
  );
});

test('more shards than scenarios: the extra shards are empty', () => {
  const plan: IPlannedPickle[] = [{ name: 'a', uri: 'features/x.feature', location: { line: 3 } }];
  assert.deepEqual(splitIntoShards(plan, 3, {}).map((s) => s.scenarios.length), [1, 0, 0]);
});

test('--shard reads I/N and rejects anything else with the way to write it', () => {
  assert.deepEqual(parseShard('2/4'), { index: 2, total: 4 });
  for (const wrong of ['0/4', '5/4', '2', '2/0', 'two/four', '1/2/3']) assert.throws(() => parseShard(wrong), SelectionError, wrong);
  assert.throws(() => parseShard('5/4'), /`--shard 2\/4`/);
});

test('--shard is the runner\'s option (cucumber\'s own, which deals scenarios out in turn, never sees it)', () => {
  for (const args of [['--shard', '2/4', 'features/lab03'], ['--shard=2/4', 'features/lab03']]) {
    const { options, cucumberArgs } = readCommandLine(args);
    assert.equal(options.shard, '2/4');
    assert.deepEqual(cucumberArgs, ['features/lab03']);
  }
});
