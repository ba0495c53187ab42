// Follows a broker container's log for `npm run broker`: prints each line after the broker's name,
// notices Mosquitto's "running" line and its "Error: ..." lines, and follows the container again
// when it is started anew (lab 9's outage: `docker stop` then `docker start` of the hub).
import { ChildProcess, spawn } from 'node:child_process';
import { stateOf } from './docker-cli';

/** The line the support code waits for too (support/brokers): Mosquitto accepts connections. */
const READY_LINE = /mosquitto version \S+ running/;
const STARTUP_TIMEOUT_MS = 20_000;

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

export class LogFollower {
  /** The "Error..." lines the broker logged: why it refused to start. */
  readonly errors: string[] = [];
  private readonly readyEvent = deferred();
  private readonly firstEndEvent = deferred();
  private readonly goneEvent = deferred();
  private isReady = false;
  private announcedStop = false;
  private follower: ChildProcess | undefined;

  /** isStopping: true once npm run broker removes everything (Ctrl-C): then nothing is followed again. */
  constructor(
    private readonly container: string,
    private readonly prefix: string,
    private readonly isStopping: () => boolean,
  ) {
    this.attach();
  }

  /** Resolves when the container no longer exists, or when we stop. */
  get gone(): Promise<void> {
    return this.goneEvent.promise;
  }

  /** Waits for the broker's "running" line: 'ready', 'ended' (it exited before) or 'timeout'. */
  startup(): Promise<'ready' | 'ended' | 'timeout'> {
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), STARTUP_TIMEOUT_MS).unref());
    return Promise.race([this.readyEvent.promise.then(() => 'ready' as const), this.firstEndEvent.promise.then(() => 'ended' as const), timeout]);
  }

  static readonly startupTimeoutSeconds = STARTUP_TIMEOUT_MS / 1000;

  stop(): void {
    this.follower?.kill();
  }

  private attach(since?: string): void {
    const args = ['container', 'logs', '--follow', ...(since ? ['--since', since] : []), this.container];
    // Its own process group: Ctrl-C in the terminal reaches only us, and we decide the order.
    const follower = spawn('docker', args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.follower = follower;
    for (const stream of [follower.stdout, follower.stderr]) {
      let partial = '';
      stream.on('data', (chunk: Buffer) => {
        const lines = (partial + chunk.toString()).split('\n');
        partial = lines.pop() ?? '';
        lines.forEach((line) => this.onLine(line));
      });
    }
    follower.on('close', () => this.onClose());
  }

  private onLine(line: string): void {
    // The container went while we looked again (Ctrl-C, --stop): not the broker's words.
    if (!line.trim() || /^Error response from daemon: No such container/.test(line)) return;
    console.log(`  ${this.prefix}| ${line.trimEnd()}`);
    // Mosquitto's own words, without its timestamp: "Error: Unknown configuration variable ...".
    const words = line.trim().replace(/^\d+: /, '');
    if (/^Error/.test(words)) this.errors.push(words);
    this.announcedStop = false;
    if (READY_LINE.test(line)) {
      this.isReady = true;
      this.readyEvent.resolve();
    }
  }

  /** The log ended: the broker stopped, or the container is gone. Look again while it exists. */
  private onClose(): void {
    const closedAt = new Date().toISOString();
    this.firstEndEvent.resolve();
    // Before its "running" line it did not start: npm run broker says why and removes it.
    const state = this.isStopping() || !this.isReady ? undefined : stateOf(this.container);
    if (!state) return this.goneEvent.resolve();
    if (!state.running && !this.announcedStop) {
      this.announcedStop = true;
      console.log(`  ${this.prefix}| (stopped, exit code ${state.code}: \`docker start ${this.container}\` starts it again; Ctrl-C removes everything)`);
    }
    // Stopped, or restarting: look again in a second, for what it logs from now on.
    setTimeout(() => (!this.isStopping() && stateOf(this.container) ? this.attach(closedAt) : this.goneEvent.resolve()), 1000);
  }
}
