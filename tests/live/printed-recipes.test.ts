// Every line `npm run broker` prints, run against the broker it started, as a learner pastes it:
// for each configuration of each lab (and each multi-broker lab's whole topology), the real
// `npm run broker -- labNN config --shell sh` is started, and each `docker exec ... mosquitto_sub`
// / `mosquitto_pub` line it printed runs through sh. A line whose note says "refused" must fail
// to connect; every other line must connect (a subscriber then listens for a second: `-W 1`
// added) and a publisher must exit 0; a mosquitto_ctrl line must exit 0 without an error. Lines that stop the broker (docker stop/start), run for
// ever on purpose (`timeout -s KILL`), open a page or start an app are left out, and counted.
// Needs Docker and the image (npm run setup). Run: npm run test:recipes
import assert from 'node:assert/strict';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { describe, it, after } from 'node:test';
import { configsOf, labsThatExist } from '../../scripts/lab-folders';
import { servicesOf } from '../../scripts/lab-topology';
import { PROJECT_ROOT } from '../../support/world/paths';

/** mosquitto_sub's exit code when -W ran out: it connected, subscribed and listened. */
const SUB_TIMED_OUT = 27;
const START_BOUND_MS = 60_000;
const running = new Set<ChildProcess>();
const skipped: string[] = [];

interface Printed {
  command: string;
  note: string;
}

/** Starts `npm run broker -- <args>` and resolves with the lines it printed to paste. */
function startBroker(args: string[]): Promise<{ child: ChildProcess; printed: Printed[] }> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register', 'scripts/broker.ts', ...args, '--shell', 'sh'], { cwd: PROJECT_ROOT, detached: true });
  running.add(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm run broker -- ${args.join(' ')} printed no lines within ${START_BOUND_MS} ms:\n${output}`)), START_BOUND_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // The lines come in one block once every broker runs; the log follows after them.
      if (!/^ {4}(docker|npm run app|https?:)/m.test(output) || !/\n\n/.test(output.slice(output.search(/^ {4}(docker|npm|https?:)/m)))) return;
      clearTimeout(timer);
      resolve({ child, printed: printedLines(output) });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`npm run broker -- ${args.join(' ')} ended (${code}) before it printed its lines:\n${output}`)));
  });
}

function printedLines(output: string): Printed[] {
  return output
    .split('\n')
    .filter((line) => /^ {4}(docker|npm run app)/.test(line))
    .map((line) => {
      const [command, note = ''] = line.trim().split(/\s{2,}#\s*/);
      return { command, note };
    });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    process.kill(-child.pid!, 'SIGINT');
  }).then(() => void running.delete(child));
}

/** Runs one printed line the way a learner's terminal would (without a TTY: -it becomes -i). */
function runLine({ command, note }: Printed): string | undefined {
  if (/^docker exec .* mosquitto_ctrl /.test(command)) return runCtrlLine(command);
  if (!/^docker exec /.test(command) || / timeout -s KILL /.test(command) || !/ mosquitto_(sub|pub) /.test(command)) {
    skipped.push(command);
    return undefined;
  }
  const subscriber = / mosquitto_sub /.test(command);
  const line = command.replace(/^docker exec -it /, 'docker exec -i ') + (subscriber ? ' -W 1' : '');
  const result = spawnSync('sh', ['-c', line], { encoding: 'utf8', timeout: 20_000 });
  console.log(`exit ${result.status}: ${line}`);
  const connected = subscriber ? result.status === SUB_TIMED_OUT || result.status === 0 : result.status === 0;
  const refusedOnPurpose = /^refused|: refused|refused:/i.test(note) || /\brefused\b/i.test(note.split(':')[0] ?? '');
  if (refusedOnPurpose && connected) return `${command}\n    is meant to be refused, but it connected (exit ${result.status})`;
  if (!refusedOnPurpose && !connected) return `${command}\n    exit ${result.status}: ${(result.stderr || result.stdout).trim().split('\n').slice(-2).join(' | ')}`;
  return undefined;
}

/**
 * A mosquitto_ctrl line (lab 17) changes the dynamic security plugin's state, and later lines
 * rely on it (a client it creates logs in): it must exit 0 without printing "Error:" (the
 * plugin's refusal). `timeout` bounds it: with no plugin to answer, mosquitto_ctrl waits for ever.
 */
function runCtrlLine(command: string): string | undefined {
  const line = command.replace(/^docker exec -it /, 'docker exec -i ');
  const result = spawnSync('sh', ['-c', line], { encoding: 'utf8', timeout: 20_000 });
  console.log(`exit ${result.status}: ${line}`);
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0 || /^Error/m.test(output)) return `${command}\n    exit ${result.status}: ${output.trim().split('\n').slice(-2).join(' | ')}`;
  return undefined;
}

async function checkPrintedLines(args: string[]): Promise<void> {
  const { child, printed } = await startBroker(args);
  try {
    assert.ok(printed.length > 0, 'it printed no line to paste');
    const failures = printed.map(runLine).filter((f): f is string => f !== undefined);
    assert.deepEqual(failures, [], `npm run broker -- ${args.join(' ')}: lines that did not do what their note says`);
  } finally {
    await stop(child);
  }
}

describe('every line npm run broker prints does what its note says', () => {
  after(async () => {
    await Promise.all([...running].map(stop));
    console.log(`# lines not run (they stop a broker, run for ever, open a page or start an app): ${skipped.length}`);
  });
  // The certificates a learner makes with `npm run certs` before lab 13 and lab 9's TLS bridge.
  spawnSync(process.execPath, ['-r', 'ts-node/register', 'labs/lab13/make-certs.ts'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
  spawnSync(process.execPath, ['-r', 'ts-node/register', 'scripts/bridge-certs.ts'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
  spawnSync(process.execPath, ['-r', 'ts-node/register', 'scripts/lab17-certs.ts'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
  for (const lab of labsThatExist()) {
    // broken*.conf never starts, on purpose (lab 1's typo, lab 18's go-auth option names).
    const configs = configsOf(lab).filter((config) => !config.startsWith('broken'));
    for (const config of configs) it(`${lab} ${config}`, { timeout: 90_000 }, () => checkPrintedLines([lab, config]));
    if (servicesOf(lab).length > 1) it(`${lab}, its whole topology`, { timeout: 90_000 }, () => checkPrintedLines([lab]));
  }
});
