#!/usr/bin/env node
// `npm test [-- features/labNN[/file.feature[:line]]] [--plain] [cucumber options]`
// `npm run break-it -- labNN/<exercise>`
//
// A thin wrapper around cucumber-js that:
//  - checks the lab paths, Docker and the broker image first, with errors that say what to do;
//  - runs the scenarios on several cucumber workers at once (each with its own pool of broker
//    containers), or with --plain on one worker with a new container per broker;
//  - gives the run an id, so every container it starts is labelled with it, and removes that
//    run's containers and networks when cucumber ends, however it ends (a pass, a failure, a
//    crash or Ctrl-C), and leftovers of earlier runs whose process is gone;
//  - for a break-it exercise, runs the lab against the broken broker files and checks that
//    exactly the scenarios listed in its EXPECTED-FAILURES file fail.
'use strict';
const { spawn } = require('node:child_process');
const { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync } = require('node:fs');
const { cpus } = require('node:os');
const { isAbsolute, join, relative, resolve } = require('node:path');
const { removeRun, removeAbandoned } = require('./cleanup');
const { newRunId } = require('../support/docker/labels');
const { assertDockerAndImageReady, brokerImage, SetupError } = require('../support/docker/preflight');
const { scenarioResults } = require('./run-results');
const { countScenarios, scenarioLines } = require('./scenario-lines');
const { addDiagramsToReport } = require('./report-diagrams');

const ROOT = join(__dirname, '..');
const CUCUMBER = join(ROOT, 'node_modules', '@cucumber', 'cucumber', 'bin', 'cucumber.js');
/** Cucumber options that take a value: the value is not a path. */
const OPTIONS_WITH_VALUE = new Set(['--tags', '-t', '--name', '--format', '-f', '--profile', '-p', '--retry', '--parallel', '--order', '--world-parameters', '--format-options']);

function fail(message) {
  console.error(`\n${message}\n`);
  process.exit(2);
}

function labsAvailable() {
  const dir = join(ROOT, 'features');
  return existsSync(dir) ? readdirSync(dir).filter((d) => /^lab\d\d$/.test(d)).sort() : [];
}

/**
 * Every argument that is not an option must name an existing feature folder or file, from the
 * project root or from the folder `npm test` was typed in; it is handed to cucumber relative
 * to the project root.
 */
function normalisePaths(args) {
  const typedIn = process.env.INIT_CWD || process.cwd();
  return args.map((arg, i) => {
    if (arg.startsWith('-') || OPTIONS_WITH_VALUE.has(args[i - 1])) return arg;
    const [, path, lines = ''] = /^(.*?)((?::\d+)*)$/.exec(arg);
    const candidates = isAbsolute(path) ? [path] : [join(ROOT, path), resolve(typedIn, path)];
    const found = candidates.find((c) => existsSync(c) && !relative(ROOT, c).startsWith('..'));
    if (!found) fail(`There is no lab path "${arg}". Labs: ${labsAvailable().join(', ')} (run one with \`npm test -- features/lab03\`).`);
    const fromRoot = relative(ROOT, found) || '.';
    if (lines) checkScenarioLines(fromRoot, lines.slice(1).split(':').map(Number));
    return fromRoot + lines;
  });
}

/** `file.feature:12`: line 12 must be a scenario (or an example row), or nothing would run. */
function checkScenarioLines(path, lines) {
  if (!path.endsWith('.feature')) fail(`"${path}:${lines.join(':')}": a line number goes with a .feature file.`);
  const scenarios = scenarioLines(join(ROOT, path));
  const wrong = lines.filter((line) => !scenarios.some((s) => s.line === line));
  if (wrong.length === 0) return;
  const list = scenarios.map((s) => `  ${path}:${s.line}  ${s.name}`).join('\n');
  fail(`Line ${wrong.join(', ')} of ${path} is not where a scenario starts. The scenarios:\n${list}`);
}

/** `--plain`: one worker, a container started and removed per broker (the benchmark's baseline). */
function takeFlag(args, flag) {
  const index = args.indexOf(flag);
  if (index === -1) return false;
  args.splice(index, 1);
  return true;
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

/**
 * How many cucumber workers: scenarios spend much of their time waiting on the network and on
 * protocol timers (keepalive, expiry), so a few more workers than cores pay off, for runs
 * with enough scenarios to share out (see PARALLEL_FROM_SCENARIOS).
 */
const PARALLEL_FROM_SCENARIOS = 40;
function defaultWorkers() {
  return Math.max(2, Math.min(4, cpus().length + 1));
}

function main() {
  const args = process.argv.slice(2);
  const breakIt = breakItPlan(args);
  const plain = takeFlag(args, '--plain') || process.env.MQTT_LABS_PLAIN === '1';
  const paths = normalisePaths(args);
  try {
    assertDockerAndImageReady();
    process.env.MQTT_LABS_CHECKED = brokerImage();
  } catch (error) {
    if (error instanceof SetupError) fail(error.message);
    throw error;
  }
  try {
    removeAbandoned();
  } catch {
    // Clean-up of old runs is best effort; the run itself does not depend on it.
  }

  const cucumberArgs = [...paths];
  // Every worker loads the support code (about a second of CPU) and competes for the cores: one
  // lab runs fastest on one worker (lab02: 8.4 s on one, 10.0 s on two, 13.5 s on three, here),
  // a run of several labs gains from the time others spend waiting on protocol timers.
  const scenarios = countScenarios(ROOT, paths.filter((a, i) => !a.startsWith('-') && !OPTIONS_WITH_VALUE.has(paths[i - 1])));
  const workers = scenarios >= PARALLEL_FROM_SCENARIOS ? defaultWorkers() : 1;
  if (!plain && !cucumberArgs.includes('--parallel') && workers > 1) cucumberArgs.push('--parallel', String(workers));

  const runId = newRunId();
  const reportDir = breakIt ? breakIt.reportDir : process.env.MQTT_LABS_REPORT_DIR || newRunReportDir();
  const env = { ...process.env, MQTT_LABS_RUN_ID: runId, MQTT_LABS_RUNNER_PID: String(process.pid), MQTT_LABS_REPORT_DIR: reportDir };
  if (plain) env.MQTT_LABS_PLAIN = '1';
  if (cucumberArgs.includes('--parallel')) env.MQTT_LABS_PARALLEL = '1';
  if (breakIt) {
    env.BREAK_IT = breakIt.exercise;
    console.log(`Break-it exercise ${breakIt.exercise}: the lab runs with brokers/${breakIt.lab}/break-it/${breakIt.exercise.split('/')[1]}/ laid over its broker files.`);
  }

  const child = spawn(process.execPath, [CUCUMBER, ...cucumberArgs], { cwd: ROOT, env, stdio: 'inherit' });
  // Ctrl-C in a terminal reaches every process of the group, cucumber and its workers included:
  // they remove their own containers and end the run early. The runner only remembers it (to
  // pass it on would make it a second Ctrl-C, which stops cucumber before its reports are
  // written). SIGTERM is never sent to the group by a terminal: pass it on.
  let interrupted;
  process.on('SIGINT', () => {
    interrupted ??= 'SIGINT';
  });
  process.on('SIGTERM', () => {
    interrupted ??= 'SIGTERM';
    child.kill('SIGTERM');
  });

  child.on('exit', (code, signal) => {
    try {
      const removed = removeRun(runId);
      if (removed.containers + removed.networks > 0) {
        console.log(`Removed ${removed.containers} container(s) and ${removed.networks} network(s) this run left behind.`);
      }
    } catch (error) {
      console.error(`Could not remove this run's containers: ${error.message.split('\n')[0]}`);
    }
    try {
      if (process.env.MQTT_LABS_DIAGRAMS !== '0') addDiagramsToReport(resolve(ROOT, reportDir));
    } catch (error) {
      console.error(`The report will show the sequence diagrams as text: ${error.message.split('\n')[0]}`);
    }
    if (!breakIt && !process.env.MQTT_LABS_REPORT_DIR) pointLatestAt(reportDir);
    const ended = interrupted || signal;
    if (ended) process.exit(ended === 'SIGTERM' ? 143 : 130);
    if (!breakIt) process.exit(code ?? 1);
    process.exit(judgeBreakIt(breakIt));
  });
}

/**
 * Every run writes its reports into a folder of its own under reports/runs/ (two runs at once
 * cannot spoil each other's), and reports/latest points at the newest one: the address to
 * bookmark. The last RUNS_KEPT runs are kept.
 */
const RUNS_KEPT = 10;
function newRunReportDir() {
  const runs = join(ROOT, 'reports', 'runs');
  mkdirSync(runs, { recursive: true });
  const old = readdirSync(runs).sort();
  for (const name of old.slice(0, Math.max(0, old.length - RUNS_KEPT + 1))) rmSync(join(runs, name), { recursive: true, force: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19);
  return join('reports', 'runs', `${stamp}-${process.pid}`);
}

function pointLatestAt(reportDir) {
  const latest = join(ROOT, 'reports', 'latest');
  try {
    rmSync(latest, { recursive: true, force: true });
    symlinkSync(relative(join(ROOT, 'reports'), join(ROOT, reportDir)), latest, 'dir');
  } catch {
    cpSync(join(ROOT, reportDir), latest, { recursive: true }); // where symbolic links are not allowed
  }
}

function judgeBreakIt(plan) {
  const ndjson = join(ROOT, plan.reportDir, 'messages.ndjson');
  if (!existsSync(ndjson)) {
    console.error('The run wrote no message stream; cannot judge the exercise.');
    return 1;
  }
  const failed = [...new Set(scenarioResults(ndjson).filter((s) => s.status === 'FAILED').map((s) => s.name))];
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
