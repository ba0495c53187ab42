/**
 * A service started on the plain path (plain-service.ts): a testcontainers container of its
 * own. The faults are Docker's own operations on that container, so that steps about failures
 * read like what an operator does.
 */
import { Readable } from 'node:stream';
import { getContainerRuntimeClient, StartedTestContainer } from 'testcontainers';
import { endpointOf } from './endpoints';
import { reloadConfirmed } from './reload';
import { ExecResult, Service, ServiceRequest } from './service';
import { SHUTDOWN_TIMEOUT_MS, ServiceKind, STARTUP_TIMEOUT_MS } from './service-kind';
import { eachLine, ServiceLog, whoIs } from './service-log';

export class StartedService implements Service {
  readonly name: string;
  readonly description: string;
  private readonly log: ServiceLog;
  private logStream?: Readable;
  private logEnd: Promise<void> = Promise.resolve();

  constructor(
    private readonly container: StartedTestContainer,
    readonly kind: ServiceKind,
    private readonly request: ServiceRequest,
  ) {
    this.name = request.name;
    this.description = request.description;
    this.log = new ServiceLog(whoIs(this));
  }

  /** Every line the service logged, across restarts. Attached to the report when a scenario fails. */
  get logLines(): string[] {
    return this.log.lines;
  }

  /** scheme://localhost:<port> for a port inside the container; read anew after every restart. */
  url(containerPort = this.kind.defaultPort, scheme = this.kind.defaultScheme): string {
    return endpointOf(this, scheme, containerPort).url;
  }

  /**
   * Follows the container's log from `since` (seconds; default: its start) into logLines, and
   * returns once the replay has reached the kind's ready line, so logLines holds at least the
   * whole start-up when a step reads it.
   */
  async followLogs(since?: number): Promise<void> {
    this.logStream?.destroy();
    const client = await getContainerRuntimeClient();
    const stream = await client.container.logs(client.container.getById(this.getId()), since ? { since } : undefined);
    this.logStream = stream;
    this.logEnd = new Promise((resolve) => {
      stream.once('end', resolve);
      stream.once('close', resolve);
    });
    const ready = this.waitForLogLine(this.kind.readyLine, STARTUP_TIMEOUT_MS);
    eachLine(stream, (line) => this.log.add(line));
    await ready;
  }

  /**
   * Resolves when the log followed now ends: the program stopped (`docker stop`), the container
   * went, or remove(). `npm run broker` then looks whether to follow it again (followLogs).
   */
  logEnded(): Promise<void> {
    return this.logEnd;
  }

  /** Calls `listener` with each line the service logs from now on; returns the unsubscribe. */
  onLogLine(listener: (line: string) => void): () => void {
    return this.log.onLine(() => listener(this.log.lines[this.log.lines.length - 1]));
  }

  getHost(): string {
    return this.container.getHost();
  }

  getMappedPort(containerPort: number): number {
    return this.container.getMappedPort(containerPort);
  }

  getId(): string {
    return this.container.getId();
  }

  waitForLogLine(pattern: RegExp, timeoutMs: number, what?: string): Promise<string> {
    return this.log.waitForLine(pattern, timeoutMs, what);
  }

  async exec(command: string[], options: { user?: string } = {}): Promise<ExecResult> {
    const { output, exitCode } = await this.container.exec(command, options.user ? { user: options.user } : undefined);
    return { output, exitCode };
  }

  /**
   * Graceful restart: SIGTERM lets the program save what it keeps (Mosquitto its database)
   * before it exits, then the container starts again and we wait for the new process's ready line.
   */
  async restart(): Promise<void> {
    const restartedAt = Date.now() / 1000;
    // The new follower replays from restartedAt, shutdown lines included: stop the old one now.
    this.logStream?.destroy();
    // testcontainers' timeouts are in milliseconds.
    await this.container.restart({ timeout: SHUTDOWN_TIMEOUT_MS });
    await this.followLogs(restartedAt);
  }

  /** Graceful stop that keeps the container (for startAgain): SIGTERM. */
  async stop(): Promise<void> {
    // The follower would otherwise record the shutdown lines again when startAgain replays.
    this.logStream?.destroy();
    await (await this.dockerContainer()).stop({ t: SHUTDOWN_TIMEOUT_MS / 1000 });
  }

  /**
   * Starts the service again after stop() or kill(), re-reads its mapped ports (they change)
   * and waits for the new process's ready line. Docker's restart of a stopped container is a
   * start, so this is restart(); the name says what a fault step means.
   */
  async startAgain(): Promise<void> {
    await this.restart();
  }

  /** SIGKILL: the service dies without writing anything, like a power cut. */
  async kill(): Promise<void> {
    await (await this.dockerContainer()).kill({ signal: 'SIGKILL' });
  }

  /** Freezes the process: its TCP connections stay open but nothing answers. */
  async pause(): Promise<void> {
    await (await this.dockerContainer()).pause();
  }

  async unpause(): Promise<void> {
    await (await this.dockerContainer()).unpause();
  }

  async cutNetwork(): Promise<void> {
    await this.scenarioNetwork().disconnect(this.getId());
  }

  async restoreNetwork(): Promise<void> {
    await this.scenarioNetwork().connect(this.getId(), this.name);
  }

  async reload(): Promise<void> {
    const container = await this.dockerContainer();
    await reloadConfirmed(this.kind, this.log, () => container.kill({ signal: `SIG${this.kind.reloadSignal}` }));
  }

  /** Stops and removes the container at the end of a scenario; never fails the clean-up. */
  async remove(): Promise<void> {
    this.logStream?.destroy();
    await this.container.stop({ timeout: 0, remove: true }).catch(() => undefined);
  }

  private scenarioNetwork() {
    if (!this.request.network) throw new Error(`${whoIs(this)} is on no scenario network`);
    return this.request.network;
  }

  /** testcontainers does not wrap pause or kill-with-a-signal; dockerode's container object does. */
  private async dockerContainer() {
    const client = await getContainerRuntimeClient();
    return client.container.getById(this.getId());
  }
}
