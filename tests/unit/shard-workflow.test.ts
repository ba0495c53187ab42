/**
 * .github/workflows/labs.yml, read with the yaml package: the shard jobs cover shards 1 to N of
 * their own `--shard I/N`, the merge job gets what they upload, every command is one of the
 * project's npm scripts, and the break-it jobs find every lab with exercises on disk.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { PROJECT_ROOT as ROOT } from '../../support/world/paths';

interface Step {
  id?: string;
  run?: string;
  uses?: string;
  if?: string;
  with?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  strategy?: { matrix: Record<string, unknown> };
  steps: Step[];
}

const workflow = parse(readFileSync(join(ROOT, '.github', 'workflows', 'labs.yml'), 'utf8')) as { jobs: Record<string, Job> };
const { jobs } = workflow;
const runs = (job: Job) => job.steps.flatMap((s) => (s.run ? [s.run] : []));
const uploads = (job: Job) => job.steps.filter((s) => s.uses?.startsWith('actions/upload-artifact'));

test('the workflow has the checks, the shards, the break-its and the merged report', () => {
  assert.deepEqual(Object.keys(jobs).sort(), ['break-it-plan', 'break-its', 'checks', 'older-mosquitto', 'report', 'shards']);
  for (const job of [jobs.checks, jobs.shards, jobs['break-its'], jobs['older-mosquitto']]) assert.ok(runs(job).includes('npm run setup'), 'set up as the README says');
  for (const job of [jobs.shards, jobs['break-its']]) assert.ok(runs(job).indexOf('npm run build') >= 0 && runs(job).indexOf('npm run build') < runs(job).findIndex((r) => /npm (test|run break-it)/.test(r)), 'the apps are built before the scenarios');
});

test('the version-tagged scenarios run on Mosquitto 2.0.11 as .ci/run runs them', () => {
  const ciRun = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
  const command = 'npm test -- --mosquitto 2.0.11 --version-tagged';
  assert.ok(ciRun.split('\n').includes(command), `.ci/run has "${command}"`);
  assert.ok(runs(jobs['older-mosquitto']).includes(command));
});

test('the checks job runs every check of .ci/run but the break-its and the suite', () => {
  const ciRun = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
  const checks = [...ciRun.matchAll(/^npm run ([\w:-]+)$/gm)].map((m) => `npm run ${m[1]}`);
  assert.ok(checks.length >= 5, `.ci/run's checks: ${checks.join(', ')}`);
  assert.deepEqual(runs(jobs.checks), checks);
});

test('the shard matrix runs shards 1 to N of its own --shard I/N', () => {
  const command = runs(jobs.shards).find((r) => r.includes('--shard'));
  const match = /^npm test -- --shard \$\{\{ matrix\.shard \}\}\/(\d+)$/.exec(command ?? '');
  assert.ok(match, `the shard command: ${command}`);
  const total = Number(match[1]);
  assert.deepEqual(jobs.shards.strategy?.matrix.shard, Array.from({ length: total }, (_, i) => i + 1));
});

test('the merge job downloads every shard report, merges, checks and publishes them', () => {
  const needs = [jobs.report.needs].flat();
  assert.ok(needs.includes('shards'));
  assert.equal(jobs.report.if, '${{ !cancelled() }}', 'a failed shard still gets its report merged');
  const uploaded = uploads(jobs.shards)[0].with!;
  assert.equal(uploads(jobs.shards)[0].if, '${{ !cancelled() }}', 'a failed shard still uploads its report');
  assert.equal(uploaded.path, 'reports/runs/');
  const download = jobs.report.steps.find((s) => s.uses?.startsWith('actions/download-artifact'))!.with!;
  const pattern = new RegExp(`^${download.pattern.replace(/\*/g, '.*')}$`);
  for (const shard of jobs.shards.strategy!.matrix.shard as number[]) assert.match(uploaded.name.replace('${{ matrix.shard }}', String(shard)), pattern);
  const merge = runs(jobs.report).find((r) => r.startsWith('npm run merge-reports'))!;
  assert.equal(merge, `npm run merge-reports -- --out reports/merged ${download.path}`);
  assert.ok(runs(jobs.report).includes('npm run check:report -- reports/merged'));
  assert.deepEqual(uploads(jobs.report).map((s) => s.with), [{ name: 'labs-report', path: 'reports/merged/' }]);
});

test('every npm command of the workflow is one of the project\'s scripts', () => {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const commands = Object.values(jobs).flatMap(runs).flatMap((r) => [...r.matchAll(/npm (run [\w:-]+|test)\b/g)].map((m) => m[1]));
  assert.ok(commands.length >= 5);
  for (const command of commands) assert.ok(command === 'test' ? scripts.test : scripts[command.slice(4)], `npm ${command}`);
});

test('the break-it jobs cover every lab that has break-it exercises', () => {
  const onDisk = readdirSync(join(ROOT, 'brokers')).filter((lab) => existsSync(join(ROOT, 'brokers', lab, 'break-it'))).sort();
  assert.ok(onDisk.length > 5);
  const listing = jobs['break-it-plan'].steps.find((s) => s.id === 'labs')!.run!;
  const dir = mkdtempSync(join(tmpdir(), 'mqtt-labs-workflow-'));
  try {
    const output = join(dir, 'output');
    const [, script] = /^node -e "(.*)"$/.exec(listing.trim())!;
    execFileSync(process.execPath, ['-e', script], { cwd: ROOT, env: { ...process.env, GITHUB_OUTPUT: output } });
    assert.equal(readFileSync(output, 'utf8'), `labs=${JSON.stringify(onDisk)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(jobs['break-its'].strategy!.matrix.lab, '${{ fromJSON(needs.break-it-plan.outputs.labs) }}');
  assert.match(runs(jobs['break-its']).find((r) => r.includes('for exercise'))!, /npm run break-it -- "\$name"/);
});
