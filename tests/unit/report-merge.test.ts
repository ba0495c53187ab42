/**
 * `npm run merge-reports` (scripts/merge-reports.ts) on the messages of real cucumber runs: two
 * shards of the fixture features (tests/fixtures/merge/, steps that pass, fail or attach a
 * diagram, no Docker) run in this process, split as `--shard 1/2` and `2/2` split, and merged.
 * The merged reports count every scenario of both runs, their failures and attachments; each
 * feature is there once and every scenario points into it; the HTML carries the diagrams' scripts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, test } from 'node:test';
import { loadConfiguration, loadSources, loadSupport, runCucumber } from '@cucumber/cucumber/api';
import type { Envelope } from '@cucumber/messages';
import { findMessageFiles, mergeReports, readMessages } from '../../scripts/merge-reports';
import { MergeError, mergeRuns } from '../../scripts/report-merge';
import { scenarioPaths, splitIntoShards } from '../../scripts/run-shard';

const FIXTURE = join(__dirname, '..', 'fixtures', 'merge');
const work = mkdtempSync(join(tmpdir(), 'mqtt-labs-merge-'));
const runDirs = [join(work, 'shard-1'), join(work, 'shard-2')];
const merged = join(work, 'merged');

/** Runs the fixture's scenarios of one shard, writing its messages as `npm test` does. */
async function runShard(paths: string[], reportDir: string, support: Awaited<ReturnType<typeof loadSupport>>): Promise<void> {
  const { runConfiguration } = await loadConfiguration({ file: false, provided: { paths, format: [`message:${join(reportDir, 'messages.ndjson')}`] } }, { cwd: FIXTURE });
  const quiet = new PassThrough().resume();
  await runCucumber({ ...runConfiguration, support }, { cwd: FIXTURE, stdout: quiet, stderr: quiet });
}

const count = (envelopes: Envelope[], pick: (e: Envelope) => unknown) => envelopes.filter(pick).length;
const failedScenarios = (envelopes: Envelope[]) => count(envelopes, (e) => e.testStepFinished?.testStepResult.status === 'FAILED');

before(async () => {
  const { runConfiguration } = await loadConfiguration({ file: false, provided: { paths: ['features'], require: ['steps/*.ts'] } }, { cwd: FIXTURE });
  const support = await loadSupport(runConfiguration, { cwd: FIXTURE });
  const { plan } = await loadSources(runConfiguration.sources, { cwd: FIXTURE });
  const shards = splitIntoShards(plan, 2, {});
  for (const [i, shard] of shards.entries()) await runShard(scenarioPaths(shard.scenarios), runDirs[i], support);
});

after(() => rmSync(work, { recursive: true, force: true }));

test('the merged reports count every scenario, failure and attachment of both runs', async () => {
  const runs = runDirs.map((dir) => readMessages(join(dir, 'messages.ndjson')));
  assert.deepEqual(runs.map((r) => count(r, (e) => e.testCaseStarted)), [4, 3], 'the shards split the 7 scenarios');
  const summary = await mergeReports(findMessageFiles([work]), merged);
  const result = readMessages(join(merged, 'messages.ndjson'));
  const sum = (pick: (e: Envelope) => unknown) => runs.reduce((n, run) => n + count(run, pick), 0);

  assert.equal(summary.runs, 2);
  assert.equal(summary.scenarios, 7);
  assert.deepEqual(summary.byStatus, { PASSED: 4, FAILED: 3 });
  assert.deepEqual(summary.runTwice, []);
  assert.equal(count(result, (e) => e.testCaseStarted), sum((e) => e.testCaseStarted));
  assert.equal(count(result, (e) => e.testStepFinished), sum((e) => e.testStepFinished));
  assert.equal(count(result, (e) => e.attachment), sum((e) => e.attachment));
  assert.equal(count(result, (e) => e.attachment), 1, 'the diagram attachment');
  assert.equal(failedScenarios(result), runs.reduce((n, run) => n + failedScenarios(run), 0));
  assert.equal(count(result, (e) => e.testRunStarted), 1);
  assert.equal(result.find((e) => e.testRunFinished)?.testRunFinished?.success, false, 'a run with a failure fails the merged run');

  const junit = readFileSync(join(merged, 'junit.xml'), 'utf8');
  assert.match(junit, /<testsuite name="mqtt-labs"[^>]* tests="7" skipped="0" failures="3"/);
  assert.equal(junit.match(/<testcase /g)?.length, 7);
  assert.match(junit, /#1\.2: A row of two/, 'outline rows named by their values');

  const html = readFileSync(join(merged, 'cucumber-report.html'), 'utf8');
  assert.match(html, /<script src="draw-diagrams.js"><\/script>/, 'the diagrams are drawn as in a run of its own');
  for (const e of result.filter((m) => m.pickle)) assert.ok(html.includes(e.pickle!.id), `the report holds scenario ${e.pickle!.name}`);
});

test('each feature is in the merged stream once, and every scenario of both runs points into it', () => {
  const result = readMessages(join(merged, 'messages.ndjson'));
  const documents = result.filter((e) => e.gherkinDocument).map((e) => e.gherkinDocument!);
  assert.deepEqual(documents.map((d) => d.uri).sort(), ['features/other.feature', 'features/tiny.feature']);
  assert.equal(count(result, (e) => e.source), 2);
  const astIds = new Set<string>();
  JSON.stringify(documents, (key, value: unknown) => (key === 'id' && typeof value === 'string' ? (astIds.add(value), value) : value));
  const pickles = result.filter((e) => e.pickle).map((e) => e.pickle!);
  assert.equal(pickles.length, 7);
  for (const pickle of pickles) {
    for (const id of [...pickle.astNodeIds, ...pickle.steps.flatMap((s) => s.astNodeIds)]) assert.ok(astIds.has(id), `${pickle.name}: ${id} is in the merged features`);
  }
  const runId = result.find((e) => e.testRunStarted)!.testRunStarted!.id;
  for (const e of result) if (e.testCase) assert.equal(e.testCase.testRunStartedId, runId);
});

test('a run that did not end, or runs of different feature files, are refused with the reason', () => {
  const [first, second] = runDirs.map((dir) => readMessages(join(dir, 'messages.ndjson')));
  assert.throws(() => mergeRuns([first, second.filter((e) => !e.testRunFinished)]), /Run 2 of 2 has no testRunFinished/);
  const edited = second.map((e) => (e.source ? { source: { ...e.source, data: e.source.data + '\n# edited' } } : e));
  assert.throws(() => mergeRuns([first, edited]), MergeError);
});
