/**
 * A Mosquitto broker in a Docker container, in the testcontainers "module" pattern:
 * `new MosquittoContainer(image).withLabConfig(ref).start()` gives a StartedMosquittoContainer
 * whose url() always reads the current mapped port (it changes when the container restarts).
 *
 * Why the extra work around start(): a broker that rejects its configuration exits at once.
 * testcontainers would then wait for ports that never appear; here the container's "die"
 * event ends the wait immediately and the error carries the broker's own log lines.
 */
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import {
  AbstractStartedContainer,
  GenericContainer,
  getContainerRuntimeClient,
  StartedNetwork,
  StartedTestContainer,
  Wait,
} from 'testcontainers';
import { BrokerConfigRef, readLabFiles } from './lab-files';
import { projectLabels } from './project-labels';
import { waitUntil } from './waiting';

export const MQTT_PORT = 1883;
/** Where a lab's broker files are copied; the image's layout, as in eclipse-mosquitto. */
export const CONFIG_DIR = '/mosquitto/config';
/** Mosquitto logs this once every listener is open: the only reliable readiness signal. */
const READY_LINE = /mosquitto version \S+ running/;
/** Start-to-ready is under a second on a healthy machine; this bound only catches a hang. */
const STARTUP_TIMEOUT_MS = 20_000;

export class BrokerStartError extends Error {}

export class MosquittoContainer extends GenericContainer {
  private description = 'broker';
  private startLog: string[] = [];

  constructor(image: string) {
    super(image);
    this.withExposedPorts(MQTT_PORT)
      .withLabels(projectLabels())
      .withWaitStrategy(Wait.forLogMessage(READY_LINE))
      .withStartupTimeout(STARTUP_TIMEOUT_MS)
      .withLogConsumer((stream) => collectLines(stream, this.startLog));
  }

  /** Copies brokers/<lab>/* into /mosquitto/config and runs the named configuration. */
  withLabConfig(ref: BrokerConfigRef): this {
    const files = readLabFiles(ref);
    this.description = `${ref.lab}/${ref.configFile}`;
    // 0600 because the image's entrypoint makes user mosquitto own /mosquitto, and Mosquitto
    // 2.0.16+ warns about password and ACL files that other users can read.
    this.withCopyContentToContainer(
      files.map((f) => ({ content: f.content, target: `${CONFIG_DIR}/${f.name}`, mode: 0o600 })),
    );
    this.configPath = `${CONFIG_DIR}/${ref.configFile}`;
    return this.withCommand(['mosquitto', '-c', this.configPath]);
  }
  private configPath = `${CONFIG_DIR}/mosquitto.conf`;

  /**
   * Runs shell commands in the container before the broker starts, as the broker would see its
   * files: e.g. `mosquitto_passwd -U /mosquitto/config/passwd` hashes a password file written in
   * plain text, exactly as an administrator would do it.
   */
  withPreparation(shellCommands: string): this {
    return this.withCommand(['sh', '-c', `set -e; cd ${CONFIG_DIR}; ${shellCommands}; exec mosquitto -c ${this.configPath}`]);
  }

  /** Joins a scenario network under a host name the other brokers can use (bridges). */
  onNetwork(network: StartedNetwork, alias: string): this {
    return this.withNetwork(network).withNetworkAliases(alias);
  }

  protected override async containerCreated(containerId: string): Promise<void> {
    this.containerId = containerId;
    const client = await getContainerRuntimeClient();
    const events = await client.container.events(client.container.getById(containerId), ['die']);
    this.stopWatchingDeath = () => events.destroy();
    events.once('data', () => {
      events.destroy();
      this.rejectOnDeath(new BrokerStartError('it exited during start-up'));
    });
  }
  private containerId?: string;
  private stopWatchingDeath = () => {};
  private rejectOnDeath: (error: Error) => void = () => {};

  override async start(): Promise<StartedMosquittoContainer> {
    const died = new Promise<never>((_, reject) => (this.rejectOnDeath = reject));
    const starting = super.start();
    starting.catch(() => undefined); // when the broker died first, this fails later: ignore it
    try {
      const started = await Promise.race([starting, died]);
      this.stopWatchingDeath();
      const broker = new StartedMosquittoContainer(started, this.description);
      await broker.followLogs();
      return broker;
    } catch (error) {
      this.stopWatchingDeath();
      const logs = await this.logsOfDeadContainer();
      throw new BrokerStartError(
        `The broker "${this.description}" did not start: ${(error as Error).message}.\n` +
          `Its log:\n${logs.map((l) => `  | ${l}`).join('\n') || '  (empty)'}`,
      );
    }
  }

  /** Reads the whole log of a container that exited, then removes the container. */
  private async logsOfDeadContainer(): Promise<string[]> {
    if (!this.containerId) return this.startLog;
    const client = await getContainerRuntimeClient();
    const container = client.container.getById(this.containerId);
    const lines: string[] = [];
    await collectLines(await client.container.logs(container), lines, true);
    await container.remove({ force: true }).catch(() => undefined);
    return lines.length > 0 ? lines : this.startLog;
  }
}

/** Splits a log stream into lines; resolves when the stream ends if `untilEnd` is set. */
function collectLines(stream: Readable, into: string[], untilEnd = false, onLine?: (line: string) => void): Promise<void> {
  let partial = '';
  stream.on('data', (chunk: Buffer | string) => {
    const text = partial + chunk.toString();
    const lines = text.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      into.push(line.trimEnd());
      onLine?.(line.trimEnd());
    }
  });
  return untilEnd ? new Promise((resolve) => stream.on('end', () => resolve())) : Promise.resolve();
}

/**
 * A running broker. Fault operations (restart, kill, pause, SIGHUP) are here so that steps
 * about failures read like what an operator does.
 */
export class StartedMosquittoContainer extends AbstractStartedContainer {
  /** Every line the broker logged, across restarts. Attached to the report when a scenario fails. */
  readonly logLines: string[] = [];
  private readonly lineEvents = new EventEmitter();
  private logStream?: Readable;

  constructor(
    container: StartedTestContainer,
    readonly description: string,
  ) {
    super(container);
  }

  /** mqtt://localhost:<port> for a port inside the container; read anew after every restart. */
  url(containerPort = MQTT_PORT, scheme = 'mqtt'): string {
    return `${scheme}://${this.getHost()}:${this.getMappedPort(containerPort)}`;
  }

  /**
   * Follows the container's log from `since` (seconds; default: its start) into logLines, and
   * returns once the replay has reached the "running" line, so logLines holds at least the
   * whole start-up when a step reads it.
   */
  async followLogs(since?: number): Promise<void> {
    this.logStream?.destroy();
    const client = await getContainerRuntimeClient();
    const stream = await client.container.logs(client.container.getById(this.getId()), since ? { since } : undefined);
    this.logStream = stream;
    const ready = this.waitForLogLine(READY_LINE, STARTUP_TIMEOUT_MS);
    collectLines(stream, this.logLines, false, (line) => this.lineEvents.emit('line', line));
    await ready;
  }

  /** Resolves with the first log line (from now on) that matches, or fails after `timeoutMs`. */
  waitForLogLine(pattern: RegExp, timeoutMs: number): Promise<string> {
    const from = this.logLines.length;
    return waitUntil(
      `The broker "${this.description}" logged a line matching ${pattern}`,
      timeoutMs,
      () => this.logLines.slice(from).find((line) => pattern.test(line)),
      (onChange) => {
        this.lineEvents.on('line', onChange);
        return () => this.lineEvents.off('line', onChange);
      },
    );
  }

  /**
   * Graceful restart: SIGTERM lets Mosquitto write its persistence database before it exits,
   * then the container starts again and we wait for the "running" line of the new process.
   */
  override async restart(): Promise<void> {
    const restartedAt = Date.now() / 1000;
    // The new follower replays from restartedAt, shutdown lines included: stop the old one now.
    this.logStream?.destroy();
    // testcontainers' timeouts are in milliseconds: 10 s is plenty for Mosquitto to save and exit.
    await super.restart({ timeout: 10_000 });
    await this.followLogs(restartedAt);
  }

  /**
   * Graceful stop that keeps the container (for startAgain): SIGTERM, so Mosquitto saves its
   * persistence database and its bridges say goodbye. Added for the bridge labs (9, 12, 16).
   */
  async stopBroker(): Promise<void> {
    // The follower would otherwise record the shutdown lines again when startAgain replays.
    this.logStream?.destroy();
    await (await this.dockerContainer()).stop({ t: 10 });
  }

  /**
   * Starts a broker again after stopBroker() or kill(), re-reads its mapped ports (they change)
   * and waits for the new process's "running" line. Docker's restart of a stopped container is
   * a start, so this is restart(); the name says what a fault step means. Added for labs 9-16.
   */
  async startAgain(): Promise<void> {
    await this.restart();
  }

  /** SIGKILL: the broker dies without writing anything, like a power cut. */
  async kill(): Promise<void> {
    await (await this.dockerContainer()).kill({ signal: 'SIGKILL' });
  }

  /** Freezes the broker process: its TCP connections stay open but nothing answers. */
  async pause(): Promise<void> {
    await (await this.dockerContainer()).pause();
  }

  async unpause(): Promise<void> {
    await (await this.dockerContainer()).unpause();
  }

  /** SIGHUP makes Mosquitto reload its password, ACL and log settings without a restart. */
  async reload(): Promise<void> {
    await (await this.dockerContainer()).kill({ signal: 'SIGHUP' });
  }

  /** Stops and removes the container at the end of a scenario; never fails the clean-up. */
  async remove(): Promise<void> {
    this.logStream?.destroy();
    await this.stop({ timeout: 0, remove: true }).catch(() => undefined);
  }

  /** testcontainers does not wrap pause or kill-with-a-signal; dockerode's container object does. */
  private async dockerContainer() {
    const client = await getContainerRuntimeClient();
    return client.container.getById(this.getId());
  }
}
