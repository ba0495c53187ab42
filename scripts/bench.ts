#!/usr/bin/env node
// `npm run bench [-- features/lab02]`: how much faster the default path is than the plain one.
//
// Runs the same scenarios twice on this machine, one run after the other: on the plain path
// (one worker, a new container per broker) and on the default path (parallel workers, pooled
// brokers), and measures the raw `docker run` + `docker rm` cycle of the broker image in the
// same session. Prints, side by side: scenarios, wall time, median broker start, median
// per-scenario overhead (a scenario's wall time minus the time its steps spend on MQTT work,
// i.e. broker starts, hooks and clean-up), and the ratios. A benchmark, not a test: nothing
// here passes or fails on a number.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { projectLabels } from '../support/docker/labels';
import { brokerImage } from '../support/docker/preflight';
import { mosquitto } from '../support/brokers/mosquitto';
import { ScenarioResult, scenarioResults } from './run-results';

interface BrokerStart {
  pickleId: string;
  broker: string;
  ms: number;
}

interface SuiteRun {
  path: string;
  wallMs: number;
  scenarios: ScenarioResult[];
  starts: BrokerStart[];
  closing: string;
}

const ROOT = join(__dirname, '..');
const RAW_CYCLES = 5;

const median = (values: number[]): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Broker starts as the support code timed them (support/world/broker-timings.ts), one JSON line
 * each: { pickleId, broker, ms }. Timed inside the steps, so that a step that starts a broker
 * and then waits for its bridge counts only the start as overhead.
 */
function brokerStarts(file: string): BrokerStart[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

/** `docker run -d` of the broker image until Mosquitto logs "running", then `docker rm -f`. */
async function rawCycleMs(image: string): Promise<number> {
  const labels = Object.entries(projectLabels()).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
  const started = process.hrtime.bigint();
  const id = execFileSync('docker', ['run', '-d', ...labels, '-p', '127.0.0.1::1883', image], { encoding: 'utf8' }).trim();
  try {
    // `docker logs -f` until the line: the same readiness signal the scenarios wait for.
    await new Promise<void>((resolve, reject) => {
      const follow = spawn('docker', ['logs', '-f', id], { stdio: ['ignore', 'pipe', 'pipe'] });
      const timer = setTimeout(() => (follow.kill(), reject(new Error('The broker image did not log "running" within 20 s'))), 20_000);
      const onData = (chunk: Buffer) => {
        if (!mosquitto.readyLine.test(String(chunk))) return;
        clearTimeout(timer);
        follow.kill();
        resolve();
      };
      follow.stdout.on('data', onData);
      follow.stderr.on('data', onData);
    });
  } finally {
    execFileSync('docker', ['rm', '-f', id], { stdio: 'ignore' });
  }
  return Number(process.hrtime.bigint() - started) / 1e6;
}

function runSuite(path: string, paths: string[]): Promise<SuiteRun> {
  const reportDir = join('reports', 'bench', path);
  const timings = join(ROOT, reportDir, 'broker-starts.ndjson');
  const runner = ['-r', 'ts-node/register', join(ROOT, 'scripts', 'run-labs.ts'), '--report-dir', reportDir, '--timings', timings];
  const args = [...runner, ...(path === 'plain' ? ['--plain'] : []), ...paths];
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    rmSync(timings, { force: true });
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let tail = '';
    child.stdout.on('data', (chunk) => (tail = (tail + chunk).slice(-4000)));
    child.on('exit', (code: number | null) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      const scenarios = scenarioResults(join(ROOT, reportDir, 'messages.ndjson'));
      const closing = (/(\d+ passed, \d+ failed[^\n]*)\s*$/.exec(tail) || [])[1] || `exit code ${code}`;
      resolve({ path, wallMs, scenarios, starts: brokerStarts(timings), closing });
    });
  });
}

/** Milliseconds a scenario's steps spent on MQTT work: its steps, less the broker starts in them. */
function mqttWorkMs(run: SuiteRun, scenario: ScenarioResult): number {
  const steps = scenario.steps.filter((step) => !step.hook).reduce((sum, step) => sum + step.ms, 0);
  const starts = run.starts.filter((start) => start.pickleId === scenario.pickleId).reduce((sum, start) => sum + start.ms, 0);
  return steps - starts;
}

function summarise(run: SuiteRun) {
  const overheads = run.scenarios.map((s) => s.ms - mqttWorkMs(run, s));
  return { ...run, brokerStartMs: median(run.starts.map((start) => start.ms)), overheadMs: median(overheads) };
}

/**
 * Per lab on the default path: how much of its scenarios' time goes to MQTT steps (the broker
 * and clients doing what the lab teaches, protocol timeouts included) rather than to brokers
 * starting, hooks and clean-up.
 */
function printLabShares(run: SuiteRun): void {
  const labs = [...new Set(run.scenarios.map((s) => s.lab ?? '?'))].sort();
  console.log(`\n  default path, per lab       scenarios   in scenarios   in MQTT steps`);
  for (const lab of labs) {
    const scenarios = run.scenarios.filter((s) => s.lab === lab);
    const total = scenarios.reduce((sum, s) => sum + s.ms, 0);
    const mqtt = scenarios.reduce((sum, s) => sum + mqttWorkMs(run, s), 0);
    console.log(`  ${lab.padEnd(26)} ${String(scenarios.length).padStart(9)} ${`${(total / 1000).toFixed(1)} s`.padStart(14)} ${`${((100 * mqtt) / total).toFixed(0)} %`.padStart(15)}`);
  }
}

async function main() {
  const paths = process.argv.slice(2);
  const image = brokerImage();
  console.log(`Benchmark of ${paths.join(' ') || 'every lab'} on this machine; the raw cycle first (${RAW_CYCLES} times).`);
  const raw = [];
  for (let i = 0; i < RAW_CYCLES; i++) raw.push(await rawCycleMs(image));
  const rawMs = median(raw);
  console.log(`raw docker run + rm: median ${rawMs.toFixed(0)} ms (${raw.map((ms) => ms.toFixed(0)).join(', ')})`);
  console.log('plain path...');
  const plain = summarise(await runSuite('plain', paths));
  console.log(`  ${plain.closing} in ${(plain.wallMs / 1000).toFixed(1)} s`);
  console.log('default path...');
  const fast = summarise(await runSuite('default', paths));
  console.log(`  ${fast.closing} in ${(fast.wallMs / 1000).toFixed(1)} s`);

  const row = <T>(label: string, a: T, b: T, format: (value: T) => string) => console.log(`  ${label.padEnd(36)} ${format(a).padStart(12)} ${format(b).padStart(12)}`);
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  console.log(`\n  ${''.padEnd(36)} ${'plain'.padStart(12)} ${'default'.padStart(12)}`);
  row('scenarios', plain.scenarios.length, fast.scenarios.length, String);
  row('result', plain.closing, fast.closing, (s) => s.replace(/ passed, /, '/').replace(/ failed.*/, ' ok/failed'));
  row('wall time (whole command)', plain.wallMs, fast.wallMs, seconds);
  row('median broker start', plain.brokerStartMs, fast.brokerStartMs, ms);
  row('median per-scenario overhead', plain.overheadMs, fast.overheadMs, ms);
  console.log(`\n  raw docker run + rm cycle (same session): ${ms(rawMs)}`);
  console.log(`  default overhead / raw cycle:  ${(fast.overheadMs / rawMs).toFixed(2)}  (target <= 0.25)`);
  console.log(`  default wall / plain wall:     ${(fast.wallMs / plain.wallMs).toFixed(2)}  (target <= 0.4 for the suite, <= 0.5 for one lab)`);
  console.log(`  plain overhead / raw cycle:    ${(plain.overheadMs / rawMs).toFixed(2)}`);
  printLabShares(fast);
  console.log('\nReports: reports/bench/plain, reports/bench/default');
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
