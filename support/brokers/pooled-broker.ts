/**
 * A broker on the default path: a pooled container (support/brokers/broker-pool.ts) handed
 * the lab's files. From the scenario's side it is exactly a fresh `docker run` of those files:
 * a new Mosquitto process, the files as they are on disk now, an empty persistence directory.
 */
import { execIn } from '../docker/docker-api';
import { LabFile } from './lab-files';
import { waitUntil } from '../sync/waiting';
import { BrokerLog } from './broker-log';
import { endpointOf } from './endpoints';
import { BrokerPool } from './broker-pool';
import { Broker, BrokerStartError, CONFIG_DIR, ExecResult, MQTT_PORT, READY_LINE, SHUTDOWN_TIMEOUT_MS, STARTUP_TIMEOUT_MS } from './broker';
import { ContainerSpec, SupervisedContainer } from './supervised-container';
import { ArchiveEntry, tarArchive } from './tar-archive';

/** The image's user mosquitto (uid and gid 1883, as in eclipse-mosquitto). */
const MOSQUITTO_UID = 1883;

export interface PooledBrokerRequest {
  description: string;
  files: LabFile[];
  configFile: string;
  preparation?: string;
  ports: number[];
  network?: ContainerSpec['network'];
}

export class PooledBroker implements Broker {
  private readonly log: BrokerLog;

  private constructor(
    private readonly pool: BrokerPool,
    private readonly container: SupervisedContainer,
    readonly description: string,
  ) {
    this.log = new BrokerLog(description);
    const onLine = (line: string) => this.log.add(line);
    container.lines.on('line', onLine);
    this.stopListening = () => container.lines.off('line', onLine);
  }

  get logLines(): string[] {
    return this.log.lines;
  }
  private readonly stopListening: () => void;

  static async start(pool: BrokerPool, request: PooledBrokerRequest): Promise<PooledBroker> {
    const container = await pool.claim({ ports: request.ports, network: request.network });
    const broker = new PooledBroker(pool, container, request.description);
    const archive = tarArchive(brokerFiles(request));
    try {
      await broker.startMosquitto(() => container.send(`claim ${archive.length}`, archive));
    } catch (error) {
      await broker.remove();
      throw error;
    }
    return broker;
  }

  url(containerPort = MQTT_PORT, scheme = 'mqtt'): string {
    return endpointOf(this, scheme, containerPort).url;
  }

  getHost(): string {
    return 'localhost';
  }

  getMappedPort(containerPort: number): number {
    const port = this.container.ports.get(containerPort);
    if (port === undefined) throw new Error(`The broker "${this.description}" publishes no container port ${containerPort}`);
    return port;
  }

  getId(): string {
    return this.container.id;
  }

  waitForLogLine(pattern: RegExp, timeoutMs: number): Promise<string> {
    return this.log.waitForLine(pattern, timeoutMs);
  }

  async restart(): Promise<void> {
    await this.stopMosquitto('TERM');
    await this.startMosquitto(() => this.container.send('start'));
  }

  async stopBroker(): Promise<void> {
    await this.stopMosquitto('TERM');
  }

  async startAgain(): Promise<void> {
    await this.startMosquitto(() => this.container.send('start'));
  }

  async kill(): Promise<void> {
    await this.stopMosquitto('KILL');
  }

  async pause(): Promise<void> {
    await this.container.pause();
  }

  async unpause(): Promise<void> {
    await this.container.unpause();
  }

  async reload(): Promise<void> {
    this.container.send('signal HUP');
  }

  async exec(command: string[], options: { user?: string } = {}): Promise<ExecResult> {
    return execIn(this.container.container, command, options.user);
  }

  /** Gives the container back to the pool, which makes it like new (or removes it). */
  remove(): Promise<void> {
    this.stopListening();
    return this.pool.release(this.container);
  }

  /** Sends a start command and waits for Mosquitto's "running" line, or for its exit. */
  private async startMosquitto(sendStart: () => void): Promise<void> {
    const fromLine = this.logLines.length;
    const fromEvent = this.container.eventCount;
    const launched = Date.now();
    sendStart();
    // One wait for either outcome, woken by a log line or a supervisor event, so that no
    // timer of the outcome that did not happen is left running.
    const outcome = await waitUntil(
      `The broker "${this.description}" logged a line matching ${READY_LINE} or exited`,
      STARTUP_TIMEOUT_MS,
      () => {
        if (this.logLines.slice(fromLine).some((line) => READY_LINE.test(line))) return 'running';
        return this.container.events.slice(fromEvent).find((e) => e.startsWith('exited')) ?? (this.container.alive ? undefined : 'the container went away');
      },
      (onChange) => {
        const stopLines = this.log.onLine(onChange);
        const stopEvents = this.container.onEvent(onChange);
        return () => {
          stopLines();
          stopEvents();
        };
      },
    );
    if (outcome === 'running') return;
    const log = this.logLines.slice(fromLine);
    throw new BrokerStartError(
      `The broker "${this.description}" did not start: it exited during start-up (${outcome}).\n` +
        `Its log:\n${log.map((l) => `  | ${l}`).join('\n') || '  (empty)'}`,
      Date.now() - launched,
    );
  }

  private async stopMosquitto(signal: 'TERM' | 'KILL'): Promise<void> {
    const from = this.container.eventCount;
    this.container.send(`signal ${signal}`);
    await this.container.waitForEvent('that Mosquitto exited', (e) => e.startsWith('exited') || e === 'no-broker', SHUTDOWN_TIMEOUT_MS, from);
  }
}

/** The lab files, owned by user mosquitto and readable by it only, plus the start script. */
function brokerFiles(request: PooledBrokerRequest): ArchiveEntry[] {
  const owned = { uid: MOSQUITTO_UID, gid: MOSQUITTO_UID };
  // 0600 because Mosquitto 2.0.16+ warns about password and ACL files that others can read.
  const entries: ArchiveEntry[] = request.files.map((f) => ({ path: `${CONFIG_DIR.slice(1)}/${f.name}`, content: f.content, mode: f.mode ?? 0o600, ...owned }));
  entries.push({ path: 'mosquitto/.lab/start', content: Buffer.from(`exec mosquitto -c ${CONFIG_DIR}/${request.configFile}\n`), mode: 0o755 });
  if (request.preparation) {
    entries.push({ path: 'mosquitto/.lab/prepare', content: Buffer.from(`set -e\n${request.preparation}\n`), mode: 0o755 });
  }
  return entries;
}
