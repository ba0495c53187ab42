/**
 * The plain path (MQTT_LABS_PLAIN=1): one new container per broker, started and removed by
 * testcontainers, as a reader of testcontainers' documentation would write it. The default path
 * (support/brokers/pooled-broker.ts) gives scenarios the same brokers much faster; this one is
 * the baseline that `npm run bench` compares it with, and the simplest thing to debug.
 *
 * A Mosquitto broker in a Docker container, in the testcontainers "module" pattern:
 * `new MosquittoContainer(image).withLabConfig(ref).start()` gives a StartedMosquittoContainer
 * whose url() always reads the current mapped port (it changes when the container restarts).
 *
 * Why the extra work around start(): a broker that rejects its configuration exits at once.
 * testcontainers would then wait for ports that never appear; here the container's "die"
 * event ends the wait immediately and the error carries the broker's own log lines.
 */
import { Readable } from 'node:stream';
import {
  AbstractStartedContainer,
  GenericContainer,
  getContainerRuntimeClient,
  StartedTestContainer,
  Wait,
} from 'testcontainers';
import { BrokerLog, eachLine } from './broker-log';
import { endpointOf } from './endpoints';
import { Broker, BrokerStartError, CONFIG_DIR, MQTT_PORT, READY_LINE, SHUTDOWN_TIMEOUT_MS, STARTUP_TIMEOUT_MS } from './broker';
import { projectLabels } from '../docker/labels';
import { LabFile } from './lab-files';
import { ScenarioNetwork } from '../docker/scenario-network';

export class MosquittoContainer extends GenericContainer {
  private description = 'broker';

  constructor(image: string) {
    super(image);
    this.withExposedPorts(MQTT_PORT)
      .withLabels(projectLabels())
      .withWaitStrategy(Wait.forLogMessage(READY_LINE))
      .withStartupTimeout(STARTUP_TIMEOUT_MS);
  }

  /** Copies a lab's files into /mosquitto/config and runs the named configuration. */
  withLabFiles(description: string, files: LabFile[], configFile: string): this {
    this.description = description;
    // 0600 because the image's entrypoint makes user mosquitto own /mosquitto, and Mosquitto
    // 2.0.16+ warns about password and ACL files that other users can read.
    this.withCopyContentToContainer(
      files.map((f) => ({ content: f.content, target: `${CONFIG_DIR}/${f.name}`, mode: f.mode ?? 0o600 })),
    );
    this.configPath = `${CONFIG_DIR}/${configFile}`;
    return this;
  }
  private configPath = `${CONFIG_DIR}/mosquitto.conf`;

  /**
   * Runs shell commands in the container before the broker first starts, as the broker would see
   * its files: e.g. `mosquitto_passwd -U /mosquitto/config/passwd` hashes a password file written
   * in plain text, exactly as an administrator would do it once. (The command line is built at
   * start(), so the order of withLabFiles and withPreparation does not matter.)
   */
  withPreparation(shellCommands: string): this {
    this.preparation = shellCommands;
    return this;
  }
  private preparation?: string;

  /** Joins a scenario network under a host name the other brokers can use (bridges). */
  onNetwork(network: ScenarioNetwork, alias: string): this {
    return this.withNetworkMode(network.name).withNetworkAliases(alias);
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
    // In the image's working directory (/), as without a preparation.
    const broker = `cd / && exec mosquitto -c ${this.configPath}`;
    // A restarted container runs its command again: prepare only the first time.
    this.withCommand(
      this.preparation
        ? ['sh', '-c', `set -e; cd ${CONFIG_DIR}; [ -e /mosquitto/.prepared ] || { ${this.preparation}; touch /mosquitto/.prepared; }; ${broker}`]
        : ['mosquitto', '-c', this.configPath],
    );
    // Published on 127.0.0.1 only (testcontainers would use every interface): a broker that lets
    // anonymous clients in must not sit on the learner's network for the length of a run.
    for (const port of Object.keys(this.hostConfig.PortBindings ?? {})) {
      this.hostConfig.PortBindings![port] = [{ HostIp: '127.0.0.1', HostPort: '0' }];
    }
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
    if (!this.containerId) return [];
    const client = await getContainerRuntimeClient();
    const container = client.container.getById(this.containerId);
    const lines: string[] = [];
    const stream = await client.container.logs(container);
    eachLine(stream, (line) => lines.push(line));
    await new Promise((resolve) => stream.on('end', resolve));
    await container.remove({ force: true }).catch(() => undefined);
    return lines;
  }
}

/**
 * A running broker. Fault operations (restart, kill, pause, SIGHUP) are here so that steps
 * about failures read like what an operator does.
 */
export class StartedMosquittoContainer extends AbstractStartedContainer implements Broker {
  private readonly log: BrokerLog;
  private logStream?: Readable;

  constructor(
    container: StartedTestContainer,
    readonly description: string,
  ) {
    super(container);
    this.log = new BrokerLog(description);
  }

  /** Every line the broker logged, across restarts. Attached to the report when a scenario fails. */
  get logLines(): string[] {
    return this.log.lines;
  }

  /** mqtt://localhost:<port> for a port inside the container; read anew after every restart. */
  url(containerPort = MQTT_PORT, scheme = 'mqtt'): string {
    return endpointOf(this, scheme, containerPort).url;
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
    eachLine(stream, (line) => this.log.add(line));
    await ready;
  }

  /** Resolves with the first log line (from now on) that matches, or fails after `timeoutMs`. */
  waitForLogLine(pattern: RegExp, timeoutMs: number): Promise<string> {
    return this.log.waitForLine(pattern, timeoutMs);
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
    await super.restart({ timeout: SHUTDOWN_TIMEOUT_MS });
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
