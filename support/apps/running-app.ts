/**
 * A built learner app running as a child process of the scenario: `node build/labs/<app>.js`
 * with the environment the scenario gives it. Its output lines are its events ("connected to
 * ...", "received 21.5 on ..."): steps wait for a line, and a wait that fails shows everything
 * the app printed so far and how it ended.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { waitUntil } from '../sync/waiting';

/** One line the app printed, with the time since it started. */
export interface AppLine {
  stream: 'stdout' | 'stderr';
  text: string;
  atMs: number;
}

export interface AppExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** How long an app may take to leave after it was asked to stop (DISCONNECT included). */
export const STOP_BOUND_MS = 5_000;

const END_WITH_RUNNER = join(__dirname, 'end-with-runner.js');

export class RunningApp {
  readonly lines: AppLine[] = [];
  /** How it ended, once it has. */
  exit?: AppExit;
  private readonly changes = new EventEmitter();
  private readonly startedAt = performance.now();
  private readonly child: ChildProcess;

  /**
   * @param name what the feature calls it ("the subscriber app")
   * @param path the built .js file
   * @param env its settings (MQTT_URL, TOPIC, ...), on top of this process's environment
   */
  constructor(
    readonly name: string,
    readonly path: string,
    env: Record<string, string>,
  ) {
    // --enable-source-maps: a stack trace names the lines of the .ts file. The IPC channel
    // ('ipc') is what end-with-runner.js watches to stop the app when this process ends.
    this.child = spawn(process.execPath, ['--enable-source-maps', '--require', END_WITH_RUNNER, path], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      windowsHide: true,
    });
    this.readLines(this.child.stdout!, 'stdout');
    this.readLines(this.child.stderr!, 'stderr');
    this.child.on('error', (error) => this.record('stderr', `could not start: ${error.message}`));
    this.child.on('close', (code, signal) => {
      this.exit = { code, signal };
      this.changes.emit('change');
    });
  }

  get isRunning(): boolean {
    return this.exit === undefined;
  }

  /** What it printed on stdout, its events. */
  get events(): string[] {
    return this.lines.filter((line) => line.stream === 'stdout').map((line) => line.text);
  }

  /**
   * Waits (bounded) for a line on stdout that `matches`, among the lines from index `from` of
   * `events` on (a line printed after a mark); fails with the app's output so far.
   */
  waitForLine(description: string, matches: (line: string) => boolean, timeoutMs: number, from = 0): Promise<string> {
    return waitUntil(
      description,
      timeoutMs,
      () => {
        const line = this.events.slice(from).find(matches);
        // An app that has ended prints nothing more: fail now, not at the bound.
        if (line === undefined && this.exit) throw new Error(`${this.name} ended before it printed ${description}.\n${this.describe()}`);
        return line;
      },
      (onChange) => this.onChange(onChange),
      () => `${this.name} did not print ${description} within ${timeoutMs} ms.\n${this.describe()}`,
    );
  }

  /** Waits (bounded) until the app has ended by itself. */
  waitForExit(timeoutMs: number): Promise<AppExit> {
    return waitUntil(
      `${this.name} ended`,
      timeoutMs,
      () => this.exit,
      (onChange) => this.onChange(onChange),
      () => `${this.name} was still running after ${timeoutMs} ms.\n${this.describe()}`,
    );
  }

  /** Asks the app to stop as Ctrl-C would (it sends DISCONNECT), kills it if it does not. */
  async stop(): Promise<AppExit> {
    if (this.exit) return this.exit;
    // Windows has no SIGTERM (kill() there ends the process at once): ask over the IPC channel.
    if (process.platform !== 'win32') this.child.kill('SIGTERM');
    else if (this.child.connected) this.child.send('stop');
    return this.waitForExit(STOP_BOUND_MS).catch(() => this.kill());
  }

  /** Ends the app at once, with no goodbye: what a crash or a power cut looks like to the broker. */
  async kill(): Promise<AppExit> {
    if (this.exit) return this.exit;
    this.child.kill('SIGKILL');
    return this.waitForExit(STOP_BOUND_MS);
  }

  /** Its output so far and how it ended: for failure messages and the report. */
  describe(): string {
    const printed = this.lines.map((line) => `  +${line.atMs} ms ${line.stream === 'stderr' ? '(stderr) ' : ''}${line.text}`);
    const state = this.exit ? `it ended with ${this.exit.signal ? `signal ${this.exit.signal}` : `exit code ${this.exit.code}`}` : 'it is still running';
    const output = printed.length ? `printed:\n${printed.join('\n')}` : 'printed nothing';
    return `${this.name} (node ${this.path}) ${output}\n  ${state}`;
  }

  private readLines(stream: NodeJS.ReadableStream, name: AppLine['stream']): void {
    createInterface({ input: stream }).on('line', (text) => this.record(name, text));
  }

  private record(stream: AppLine['stream'], text: string): void {
    this.lines.push({ stream, text, atMs: Math.round(performance.now() - this.startedAt) });
    this.changes.emit('change');
  }

  private onChange(listener: () => void): () => void {
    this.changes.on('change', listener);
    return () => this.changes.off('change', listener);
  }
}
