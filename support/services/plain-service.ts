/**
 * The plain path (MQTT_LABS_PLAIN=1): one new container per service, started and removed by
 * testcontainers, as a reader of testcontainers' documentation would write it. The default path
 * (pooled-service.ts) gives scenarios the same services much faster; this one is the baseline
 * that `npm run bench` compares it with, the simplest thing to debug, and the way every kind
 * runs, also one whose program cannot be restarted inside its container.
 *
 * In the testcontainers "module" pattern: `new ServiceContainer(kind, request).startService()` gives a
 * StartedService whose url() always reads the current mapped port (it changes on restart).
 *
 * Why the extra work around start(): a service that rejects its configuration exits at once.
 * testcontainers would then wait for a log line that never comes; here the container's "die"
 * event ends the wait immediately and the error carries the program's own log lines.
 */
import { GenericContainer, getContainerRuntimeClient, Wait } from 'testcontainers';
import { projectLabels } from '../docker/labels';
import { ServiceRequest } from './service';
import { ServiceKind, ServiceStartError, STARTUP_TIMEOUT_MS } from './service-kind';
import { eachLine, startFailure } from './service-log';
import { plainCommand } from './service-scripts';
import { StartedService } from './started-service';

export class ServiceContainer extends GenericContainer {
  constructor(
    private readonly kind: ServiceKind,
    private readonly request: ServiceRequest,
  ) {
    super(kind.image());
    this.withExposedPorts(...request.ports)
      .withLabels(projectLabels())
      .withWaitStrategy(Wait.forLogMessage(kind.readyLine))
      .withStartupTimeout(STARTUP_TIMEOUT_MS)
      // The kind's check, preparation and start, as the pooled path runs them (service-scripts.ts).
      .withCommand(plainCommand(kind, request.configFile, request.preparation))
      // Copied as root; the kind's prepare script hands them to the program's user.
      .withCopyContentToContainer(request.files.map((f) => ({ content: f.content, target: `${kind.configDir}/${f.name}`, mode: f.mode ?? 0o600 })));
    if (request.network) this.withNetworkMode(request.network.name).withNetworkAliases(request.name);
    if (request.containerName) this.withName(request.containerName);
  }

  protected override async containerCreated(containerId: string): Promise<void> {
    this.containerId = containerId;
    const client = await getContainerRuntimeClient();
    const events = await client.container.events(client.container.getById(containerId), ['die']);
    this.stopWatchingDeath = () => events.destroy();
    events.once('data', () => {
      events.destroy();
      this.rejectOnDeath(new Error('it exited during start-up'));
    });
  }
  private containerId?: string;
  private stopWatchingDeath = () => {};
  private rejectOnDeath: (error: Error) => void = () => {};

  /** start(), and then the service's log followed up to its ready line; fails at once when it dies. */
  async startService(): Promise<StartedService> {
    // Published on 127.0.0.1 only (testcontainers would use every interface): a broker that lets
    // anonymous clients in must not sit on the learner's network for the length of a run.
    // A random port unless the request pins one (`npm run broker` prints the ports it uses).
    for (const port of Object.keys(this.hostConfig.PortBindings ?? {})) {
      const hostPort = this.request.hostPorts?.[parseInt(port, 10)] ?? 0;
      this.hostConfig.PortBindings![port] = [{ HostIp: '127.0.0.1', HostPort: String(hostPort) }];
    }
    const died = new Promise<never>((_, reject) => (this.rejectOnDeath = reject));
    const starting = super.start();
    starting.catch(() => undefined); // when the service died first, this fails later: ignore it
    try {
      const started = await Promise.race([starting, died]);
      this.stopWatchingDeath();
      const service = new StartedService(started, this.kind, this.request);
      await service.followLogs();
      return service;
    } catch (error) {
      this.stopWatchingDeath();
      const logs = await this.logsOfDeadContainer();
      throw new ServiceStartError(startFailure(`the ${this.kind.role} "${this.request.description}"`, (error as Error).message, logs));
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
