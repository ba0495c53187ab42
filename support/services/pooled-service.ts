/**
 * A service on the default path: a pooled container (support/services/container-pool.ts)
 * handed the service's files. From the scenario's side it is exactly a fresh `docker run` of
 * those files: a new process, the files as they are on disk now, empty data folders.
 */
import { execIn } from '../docker/docker-api';
import type { ScenarioNetwork } from '../docker/scenario-network';
import { waitUntil } from '../sync/waiting';
import { endpointOf } from './endpoints';
import { ContainerPool } from './container-pool';
import { reloadConfirmed } from './reload';
import { ExecResult, Service, ServiceRequest } from './service';
import { SHUTDOWN_TIMEOUT_MS, ServiceKind, ServiceStartError, STARTUP_TIMEOUT_MS } from './service-kind';
import { ServiceLog, startFailure, whoIs } from './service-log';
import { archiveEntries } from './service-scripts';
import { SupervisedContainer } from './supervised-container';
import { tarArchive } from './tar-archive';

export class PooledService implements Service {
  readonly description: string;
  readonly name: string;
  private readonly log: ServiceLog;
  private readonly stopListening: () => void;
  private readonly network?: ScenarioNetwork;

  private constructor(
    readonly kind: ServiceKind,
    private readonly pool: ContainerPool,
    private readonly container: SupervisedContainer,
    request: ServiceRequest,
  ) {
    this.name = request.name;
    this.description = request.description;
    this.network = request.network;
    this.log = new ServiceLog(whoIs(this));
    const onLine = (line: string) => this.log.add(line);
    container.lines.on('line', onLine);
    this.stopListening = () => container.lines.off('line', onLine);
  }

  get logLines(): string[] {
    return this.log.lines;
  }

  static async start(kind: ServiceKind, pool: ContainerPool, request: ServiceRequest): Promise<PooledService> {
    // A pooled container was made before anyone asked: its name and ports are the pool's.
    if (request.hostPorts || request.containerName) throw new Error(`Fixed host ports and container names are for the plain path only (${request.description})`);
    const network = request.network && { name: request.network.name, alias: request.name };
    const [container, archive] = await Promise.all([
      pool.claim({ ports: request.ports, network }),
      tarArchive(archiveEntries(kind, request.files, request.configFile, request.preparation)),
    ]);
    const service = new PooledService(kind, pool, container, request);
    try {
      await service.startProcess(() => container.send(`claim ${archive.length}`, archive));
    } catch (error) {
      await service.remove();
      throw error;
    }
    return service;
  }

  url(containerPort = this.kind.defaultPort, scheme = this.kind.defaultScheme): string {
    return endpointOf(this, scheme, containerPort).url;
  }

  getHost(): string {
    return 'localhost';
  }

  getMappedPort(containerPort: number): number {
    const port = this.container.ports.get(containerPort);
    if (port === undefined) throw new Error(`${whoIs(this)} publishes no container port ${containerPort}`);
    return port;
  }

  getId(): string {
    return this.container.id;
  }

  waitForLogLine(pattern: RegExp, timeoutMs: number, what?: string): Promise<string> {
    return this.log.waitForLine(pattern, timeoutMs, what);
  }

  async exec(command: string[], options: { user?: string } = {}): Promise<ExecResult> {
    return execIn(this.container.container, command, options.user);
  }

  async restart(): Promise<void> {
    await this.stopProcess('TERM');
    await this.startAgain();
  }

  async stop(): Promise<void> {
    await this.stopProcess('TERM');
  }

  async startAgain(): Promise<void> {
    await this.startProcess(() => this.container.send('start'));
  }

  async kill(): Promise<void> {
    await this.stopProcess('KILL');
  }

  async pause(): Promise<void> {
    await this.container.pause();
  }

  async unpause(): Promise<void> {
    await this.container.unpause();
  }

  async cutNetwork(): Promise<void> {
    await this.scenarioNetwork().disconnect(this.getId());
  }

  async restoreNetwork(): Promise<void> {
    await this.scenarioNetwork().connect(this.getId(), this.name);
  }

  async reload(): Promise<void> {
    await reloadConfirmed(this.kind, this.log, async () => this.container.send(`signal ${this.kind.reloadSignal}`));
  }

  /** Gives the container back to the pool, which makes it like new (or removes it). */
  remove(): Promise<void> {
    this.stopListening();
    return this.pool.release(this.container);
  }

  private scenarioNetwork(): ScenarioNetwork {
    if (!this.network) throw new Error(`${whoIs(this)} is on no scenario network`);
    return this.network;
  }

  /** Sends a start command and waits for the kind's ready line, or for the process's exit. */
  private async startProcess(sendStart: () => void): Promise<void> {
    const fromLine = this.logLines.length;
    const fromEvent = this.container.eventCount;
    const launched = Date.now();
    sendStart();
    // One wait for either outcome, woken by a log line or a supervisor event, so that no
    // timer of the outcome that did not happen is left running.
    const outcome = await waitUntil(
      `${whoIs(this)} logged a line matching ${this.kind.readyLine} or exited`,
      STARTUP_TIMEOUT_MS,
      () => {
        if (this.logLines.slice(fromLine).some((line) => this.kind.readyLine.test(line))) return 'running';
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
    const reason = `it exited during start-up (${outcome})`;
    throw new ServiceStartError(startFailure(whoIs(this), reason, this.logLines.slice(fromLine)), Date.now() - launched);
  }

  private async stopProcess(signal: 'TERM' | 'KILL'): Promise<void> {
    const from = this.container.eventCount;
    this.container.send(`signal ${signal}`);
    await this.container.waitForEvent('that the process exited', (e) => e.startsWith('exited') || e === 'no-process', SHUTDOWN_TIMEOUT_MS, from);
  }
}
