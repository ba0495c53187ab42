// Prints a broker's log for `npm run broker`, each line after the broker's name: the lines its
// Service (support/services/started-service.ts) reads, the same a failed scenario attaches.
// When its container stops (lab 9's outage: `docker stop mqtt-labs-lab09-hub`), it says so, and
// follows the log again once the container is started anew (`docker start ...`).
import { setTimeout as sleep } from 'node:timers/promises';
import { StartedService } from '../support/services/started-service';
import { stateOf } from './docker-cli';

/** How often a stopped container is looked at, to follow it again once it runs. */
const POLL_MS = 1000;
/** `docker rm -f` (--stop) kills, then removes: a container seen stopped this soon may be on its way out. */
const SETTLE_MS = 300;
/** Lines printed last: a log followed again replays its last second, which was printed already. */
const REMEMBERED_LINES = 50;

export class LogFollower {
  /** Resolves when the container no longer exists, or when we stop. */
  readonly gone: Promise<void>;
  private readonly printed: string[] = [];
  private readonly unsubscribe: () => void;

  /** isStopping: true once npm run broker removes everything (Ctrl-C): then nothing is followed again. */
  constructor(
    private readonly service: StartedService,
    private readonly container: string,
    private readonly prefix: string,
    private readonly isStopping: () => boolean,
  ) {
    // Its start-up, logged before it was ready (and before we listened), then every new line.
    service.logLines.forEach((line) => this.print(line));
    this.unsubscribe = service.onLogLine((line) => this.print(line));
    this.gone = this.followUntilGone();
  }

  stop(): void {
    this.unsubscribe();
  }

  private print(line: string): void {
    if (this.printed.includes(line)) return; // Mosquitto's lines carry a timestamp: the same line again
    this.printed.push(line);
    if (this.printed.length > REMEMBERED_LINES) this.printed.shift();
    console.log(`  ${this.prefix}| ${line}`);
  }

  /** Each time the log ends: wait while the container is stopped, follow its new process's log. */
  private async followUntilGone(): Promise<void> {
    for (;;) {
      await this.service.logEnded();
      const endedAt = Math.floor(Date.now() / 1000);
      if (!(await this.runsAgain())) return this.stop();
      // The new process's log from the second the old one ended; a start that fails is shown too.
      await this.service.followLogs(endedAt).catch(() => undefined);
    }
  }

  /** True once the container runs again; false when it is gone or we stop. Says once that it stopped. */
  private async runsAgain(): Promise<boolean> {
    let announced = false;
    await sleep(SETTLE_MS);
    for (;;) {
      const state = this.isStopping() ? undefined : stateOf(this.container);
      if (!state) return false;
      if (state.running) return true;
      if (!announced) {
        console.log(`  ${this.prefix}| (stopped, exit code ${state.code}: \`docker start ${this.container}\` starts it again; Ctrl-C removes everything)`);
        announced = true;
      }
      await sleep(POLL_MS);
    }
  }
}
