// The shards and the merge for real: `npm test -- --shard I/2` of lab 3 and lab 6 (Docker, real
// brokers), each into a report folder of its own, merged by `npm run merge-reports` and opened in
// Chromium by `npm run check:report`. The two shards run every scenario of the two labs once,
// the merged junit.xml counts what both did, and the merged page counts the scenarios and draws
// every diagram. Needs Docker and the image (npm run setup). Run: npm run test:shards
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { checkReport } from '../../scripts/check-report';
import { findMessageFiles, mergeReports } from '../../scripts/merge-reports';
import { scenarioResults } from '../../scripts/run-results';
import { closeSharedBrowser } from '../../support/clients/browser';
import { PROJECT_ROOT as ROOT } from '../../support/world/paths';

const LABS = ['features/lab03', 'features/lab06'];
const work = mkdtempSync(join(tmpdir(), 'mqtt-labs-shards-'));
after(async () => {
  await closeSharedBrowser();
  rmSync(work, { recursive: true, force: true });
});

const junitCounts = (file: string) => {
  const suite = /<testsuite [^>]*tests="(\d+)"[^>]*failures="(\d+)"/.exec(readFileSync(file, 'utf8'))!;
  return { tests: Number(suite[1]), failures: Number(suite[2]) };
};

test('two shards of two labs run every scenario once; their merged report counts both and draws every diagram', async () => {
  const shards = [1, 2].map((i) => {
    const reportDir = join(work, `shard-${i}`);
    const run = spawnSync(process.execPath, ['-r', 'ts-node/register', 'scripts/run-labs.ts', '--shard', `${i}/2`, '--report-dir', reportDir, ...LABS], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, `shard ${i}/2 passed:\n${run.stdout}\n${run.stderr}`);
    return reportDir;
  });
  const ran = shards.flatMap((dir) => scenarioResults(join(dir, 'messages.ndjson')).map((s) => `${s.uri}:${s.name}`));
  assert.equal(new Set(ran).size, ran.length, 'no scenario ran in both shards');
  const whole = spawnSync(process.execPath, ['-r', 'ts-node/register', 'scripts/run-labs.ts', '--dry-run', '--report-dir', join(work, 'whole'), ...LABS], { cwd: ROOT, encoding: 'utf8' });
  const planned = scenarioResults(join(work, 'whole', 'messages.ndjson')).map((s) => `${s.uri}:${s.name}`);
  assert.equal(whole.status, 0);
  assert.deepEqual([...ran].sort(), [...planned].sort(), 'the shards together ran the two labs, each scenario once');

  const merged = join(work, 'merged');
  const summary = await mergeReports(findMessageFiles(shards), merged);
  assert.equal(summary.scenarios, planned.length);
  const parts = shards.map((dir) => junitCounts(join(dir, 'junit.xml')));
  assert.deepEqual(junitCounts(join(merged, 'junit.xml')), { tests: parts[0].tests + parts[1].tests, failures: parts[0].failures + parts[1].failures });

  const seen = await checkReport(merged);
  assert.equal(seen.scenarios, planned.length);
  assert.ok(seen.diagrams > 0);
  assert.equal(seen.drawn, seen.diagrams, 'every diagram drawn');
  assert.deepEqual(seen.pageErrors, []);
});
