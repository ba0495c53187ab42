/**
 * Running the programs that set a machine up (docker, apt-get, debootstrap) from Node alone:
 * node:child_process, never a shell, so that nothing needs bash or GNU tools on the learner's side.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { SetupError } from './setup-error';

/** Long commands write here; only the last lines of a failed one are shown. */
export const LOG_DIR = join(tmpdir(), 'mqtt-labs-setup');

/** Whether an executable is on the PATH (what `command -v` does, without a shell). */
export function commandExists(name: string): boolean {
  const extensions = process.platform === 'win32' ? (process.env.PATHEXT ?? '.EXE;.CMD').split(';') : [''];
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && extensions.some((ext) => existsSync(join(dir, name + ext))));
}

export function isLinuxRootWithApt(): boolean {
  return process.platform === 'linux' && process.getuid?.() === 0 && commandExists('apt-get');
}

/** A command's standard output, or undefined when it fails or outlasts the limit. */
export function outputOf(command: string, args: string[], timeoutMs = 15_000): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs, windowsHide: true }, (error, stdout) => resolve(error ? undefined : stdout.trim()));
  });
}

/** The same, synchronously: for the checks made before cucumber starts. */
export function outputOfSync(command: string, args: string[], timeoutMs = 15_000): string | undefined {
  try {
    return execFileSync(command, args, { stdio: 'pipe', timeout: timeoutMs, windowsHide: true }).toString().trim();
  } catch {
    return undefined;
  }
}

export interface LoggedRun {
  /** The log file's name in LOG_DIR, without .log. */
  readonly log: string;
  /** What the command does, for the failure message ("docker build"). */
  readonly what: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Called with each output line, e.g. to pass a build's "Step 3/9" lines on as progress. */
  readonly onLine?: (line: string) => void;
  /** Fed to the command's standard input (e.g. a tar stream into `docker import -`). */
  readonly stdin?: NodeJS.ReadableStream;
}

/**
 * Runs a command quietly into a log file and resolves when it succeeds; when it fails, rejects
 * with a SetupError that shows the last lines of the log (the useful part of apt's or Docker's
 * output) and where the whole log is.
 */
export function runLogged(command: string, args: string[], run: LoggedRun): Promise<void> {
  mkdirSync(LOG_DIR, { recursive: true });
  const logPath = join(LOG_DIR, `${run.log}.log`);
  const log = createWriteStream(logPath);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: run.env ?? process.env, stdio: [run.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'], windowsHide: true });
    if (run.stdin && child.stdin) run.stdin.pipe(child.stdin);
    let partial = '';
    const take = (chunk: Buffer): void => {
      log.write(chunk);
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) run.onLine?.(line.trimEnd());
    };
    child.stdout?.on('data', take);
    child.stderr?.on('data', take);
    child.on('error', (error) => log.end(() => reject(new SetupError(`${run.what} could not start: ${error.message}`))));
    child.on('close', (code) => log.end(() => (code === 0 ? resolve() : reject(failure(run.what, logPath)))));
  });
}

function failure(what: string, logPath: string): SetupError {
  const tail = readFileSync(logPath, 'utf8').trimEnd().split('\n').slice(-25).join('\n');
  return new SetupError(`${what} failed (full log: ${logPath}).\n--- last lines of the log ---\n${tail}`);
}

/** `apt-get install` of Debian packages, quietly (Linux as root only). */
export async function aptInstall(...packages: string[]): Promise<void> {
  await runLogged('apt-get', ['update'], { log: 'apt', what: 'apt-get update' });
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await runLogged('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { log: 'apt', what: `apt-get install ${packages.join(' ')}`, env });
}
