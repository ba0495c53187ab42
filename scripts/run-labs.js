#!/usr/bin/env node
// `npm test [-- features/labNN[/file.feature[:line]]] [cucumber options]`
// `npm run break-it -- labNN/<exercise>`
//
// A thin wrapper around cucumber-js that:
//  - checks the lab paths, Docker and the broker image first, with errors that say what to do;
//  - gives the run an id, so every container it starts is labelled with it;
//  - removes that run's containers and networks when cucumber ends, however it ends (a pass,
//    a failure, a crash or Ctrl-C), and leftovers of earlier runs whose process is gone;
//  - for a break-it exercise, runs the lab against the broken broker files and checks that
//    exactly the scenarios listed in its EXPECTED-FAILURES file fail.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const { existsSync, readFileSync, readdirSync } = require('node:fs');
const { join, relative } = require('node:path');
const { removeRun, removeAbandoned } = require('./cleanup');

const ROOT = join(__dirname, '..');
const CUCUMBER = join(ROOT, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');

function fail(message) {
  console.error(`\n${message}\n`);
  process.exit(2);
}

function labsAvailable() {
  const dir = join(ROOT, 'features');
  return existsSync(dir) ? readdirSync(dir).filter((d) => /^lab\d\d$/.test(d)).sort() : [];
}

/** Every argument that is not an option must name an existing feature folder or file. */
function checkPaths(args) {
  const optionsWithValue = new Set(['--tags', '-t', '--name', '--format', '-f', '--profile', '-p', '--retry', '--parallel', '--order', '--world-parameters']);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith('-')) {
      if (optionsWithValue.has(arg)) i++;
      continue;
    }
    const path = arg.replace(/(:\d+)+$/, '');
    if (!existsSync(join(ROOT, path))) {
      fail(`There is no lab path "${arg}". Labs: ${labsAvailable().join(', ')} (run one with \`npm test -- features/lab03\`).`);
    }
  }
}

function checkDocker() {
  try {
    execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'pipe', timeout: 15_000 });
  } catch {
    fail('Docker is not reachable (`docker info` failed). Run `npm run setup` (it starts Docker on Debian/Ubuntu), or start Docker Desktop.');
  }
  const image = process.env.MOSQUITTO_IMAGE || readRecordedImage();
  try {
    execFileSync('docker', ['image', 'inspect', image], { stdio: 'pipe', timeout: 15_000 });
  } catch {
    fail(`The broker image "${image}" is not on this machine. Run \`npm run setup\` to build it${process.env.MOSQUITTO_IMAGE ? ', or pull it' : ''}.`);
  }
}

function readRecordedImage() {
  const file = join(ROOT, 'brokers', 'image', '.image');
  if (!existsSync(file)) fail('No broker image has been built yet. Run `npm run setup` first.');
  return readFileSync(file, 'utf8').trim();
}

/** `--break-it lab03/retain-off`: which lab and exercise, and what must fail. */
function breakItPlan(args) {
  const index = args.indexOf('--break-it');
  if (index === -1) return undefined;
  const exercise = args[index + 1] || '';
  args.splice(index, 2);
  const [lab, name] = exercise.split('/');
  const dir = join(ROOT, 'brokers', lab || '', 'break-it', name || '');
  if (!lab || !name || !existsSync(dir)) {
    const known = labsAvailable().flatMap((l) => {
      const d = join(ROOT, 'brokers', l, 'break-it');
      return existsSync(d) ? readdirSync(d).map((n) => `${l}/${n}`) : [];
    });
    fail(`There is no break-it exercise "${exercise}". Exercises: ${known.join(', ')}`);
  }
  const expectedFile = join(dir, 'EXPECTED-FAILURES');
  const expected = existsSync(expectedFile)
    ? readFileSync(expectedFile, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
    : [];
  if (!args.some((a) => !a.startsWith('-'))) args.push(`features/${lab}`);
  return { exercise, lab, expected, reportDir: join('reports', 'break-it', `${lab}-${name}`) };
}

/** Names of the scenarios that failed, read from cucumber's message stream. */
function failedScenarios(ndjsonPath) {
  const pickles = new Map();
  const testCases = new Map();
  const started = new Map();
  const failed = new Set();
  for (const line of readFileSync(ndjsonPath, 'utf8').split('\n')) {
    if (!line) continue;
    const m = JSON.parse(line);
    if (m.pickle) pickles.set(m.pickle.id, m.pickle.name);
    if (m.testCase) testCases.set(m.testCase.id, m.testCase.pickleId);
    if (m.testCaseStarted) started.set(m.testCaseStarted.id, m.testCaseStarted.testCaseId);
    if (m.testStepFinished && m.testStepFinished.testStepResult.status === 'FAILED') {
      failed.add(pickles.get(testCases.get(started.get(m.testStepFinished.testCaseStartedId))));
    }
  }
  return [...failed];
}

function main() {
  const args = process.argv.slice(2);
  const breakIt = breakItPlan(args);
  checkPaths(args);
  checkDocker();
  try {
    removeAbandoned();
  } catch {
    // Clean-up of old runs is best effort; the run itself does not depend on it.
  }

  const runId = `run-${process.pid}-${Date.now().toString(36)}`;
  const env = {
    ...process.env,
    MQTT_LABS_RUN_ID: runId,
    MQTT_LABS_RUNNER_PID: String(process.pid),
    TESTCONTAINERS_RYUK_DISABLED: 'true',
    TESTCONTAINERS_HOST_OVERRIDE: process.env.TESTCONTAINERS_HOST_OVERRIDE || 'localhost',
  };
  if (breakIt) {
    env.BREAK_IT = breakIt.exercise;
    env.MQTT_LABS_REPORT_DIR = breakIt.reportDir;
    console.log(`Break-it exercise ${breakIt.exercise}: the lab runs with brokers/${breakIt.lab}/break-it/${breakIt.exercise.split('/')[1]}/ laid over its broker files.`);
  }

  const child = spawn(process.execPath, [CUCUMBER, ...args], { cwd: ROOT, env, stdio: 'inherit' });
  let interrupted = false;
  const forward = (signal) => {
    interrupted = true;
    child.kill(signal);
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);

  child.on('exit', (code, signal) => {
    try {
      const removed = removeRun(runId);
      if (removed.containers + removed.networks > 0) {
        console.log(`Removed ${removed.containers} container(s) and ${removed.networks} network(s) this run left behind.`);
      }
    } catch (error) {
      console.error(`Could not remove this run's containers: ${error.message.split('\n')[0]}`);
    }
    if (interrupted || signal) process.exit(130);
    if (!breakIt) process.exit(code ?? 1);
    process.exit(judgeBreakIt(breakIt));
  });
}

function judgeBreakIt(plan) {
  const ndjson = join(ROOT, plan.reportDir, 'messages.ndjson');
  if (!existsSync(ndjson)) {
    console.error('The run wrote no message stream; cannot judge the exercise.');
    return 1;
  }
  const failed = failedScenarios(ndjson);
  const missing = plan.expected.filter((name) => !failed.includes(name));
  const unexpected = failed.filter((name) => !plan.expected.includes(name));
  console.log(`\nBreak-it ${plan.exercise}: ${failed.length} scenario(s) failed, as the exercise means them to:`);
  failed.filter((n) => plan.expected.includes(n)).forEach((n) => console.log(`  ✘ ${n}`));
  if (missing.length) console.log(`These should have failed but passed (the scenario cannot see this break):\n${missing.map((n) => `  ! ${n}`).join('\n')}`);
  if (unexpected.length) console.log(`These failed but are not listed in EXPECTED-FAILURES:\n${unexpected.map((n) => `  ! ${n}`).join('\n')}`);
  console.log(`Report: ${relative(ROOT, join(ROOT, plan.reportDir, 'cucumber-report.html'))}`);
  const ok = missing.length === 0 && unexpected.length === 0 && failed.length > 0;
  console.log(ok ? 'The broken configuration was caught.' : 'The exercise did not behave as listed.');
  return ok ? 0 : 1;
}

main();
