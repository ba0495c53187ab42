/**
 * A pooled container whose first process is support/services/service-supervisor.sh: it waits
 * for a service's files on its standard input, then runs the service's start script on them,
 * and can be reset for the next scenario. This module creates such a container and speaks the
 * supervisor's line protocol over one attached stream, so that handing a container to a
 * scenario costs no Docker API call at all.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duplex, PassThrough } from 'node:stream';
import type Dockerode from 'dockerode';
import { dockerApi } from '../docker/docker-api';
import { projectLabels } from '../docker/labels';
import { waitUntil } from '../sync/waiting';
import { eachLine } from './service-log';

// LF only: a checkout with CRLF line ends (Git for Windows' default) would make sh fail on
// every line ("set: Illegal option -").
const SUPERVISOR_SCRIPT = readFileSync(join(__dirname, 'service-supervisor.sh'), 'utf8').replace(/\r\n/g, '\n');
const EVENT_PREFIX = '@supervisor ';

export interface ContainerSpec {
  image: string;
  /** Container ports to publish, each on a random port of 127.0.0.1 only. */
  ports: number[];
  /**
   * A scenario network to join before the service starts, under a host name its peers use.
   * A second network: the ports stay published on Docker's default bridge (see
   * support/docker/scenario-network.ts), as testcontainers does on the plain path.
   */
  network?: { name: string; alias: string };
}

export class SupervisedContainer {
  /** Container port -> host port. */
  readonly ports = new Map<number, number>();
  /** The service's log lines, as they come. */
  readonly lines = new EventEmitter();
  /** Everything the supervisor reported, in order: "standby", "claimed", "exited 0", ... */
  readonly events: string[] = [];
  private readonly changes = new EventEmitter();
  /** False once the container itself is gone (removed, or its supervisor died). */
  alive = true;
  paused = false;
  /** The scenario network it is on now, if any. */
  network?: { name: string; alias: string };

  private constructor(
    readonly container: Dockerode.Container,
    private readonly stdin: Duplex,
    readonly spec: ContainerSpec,
  ) {
    this.lines.setMaxListeners(50);
    this.changes.setMaxListeners(50);
  }

  get id(): string {
    return this.container.id;
  }

  /** Creates and starts a container, and returns once its supervisor is waiting for files. */
  static async create(spec: ContainerSpec): Promise<SupervisedContainer> {
    const docker = await dockerApi();
    const exposed = Object.fromEntries(spec.ports.map((p) => [`${p}/tcp`, {}]));
    const bindings = Object.fromEntries(spec.ports.map((p) => [`${p}/tcp`, [{ HostIp: '127.0.0.1', HostPort: '' }]]));
    const container = await docker.createContainer({
      Image: spec.image,
      // The supervisor replaces the image's entrypoint and does its job (hand the files to the
      // program's user) itself, with the kind's prepare script, after the files have arrived.
      Entrypoint: ['/bin/sh', '-c', SUPERVISOR_SCRIPT],
      Cmd: [],
      Labels: projectLabels(),
      OpenStdin: true,
      StdinOnce: false,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: false,
      ExposedPorts: exposed,
      HostConfig: { PortBindings: bindings },
    });
    try {
      // Attach before start, so not one line of the container's output is missed.
      const stream = (await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true })) as unknown as Duplex;
      const supervised = new SupervisedContainer(container, stream, spec);
      if (spec.network) await supervised.joinNetwork(spec.network);
      supervised.readOutput(stream);
      await container.start();
      await supervised.readPorts();
      await supervised.waitForEvent('its supervisor to be ready', (e) => e === 'standby', 10_000);
      return supervised;
    } catch (error) {
      await container.remove({ force: true }).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Joins a scenario network under a host name, before the service starts (a broker's bridges
   * look their peers up by name). Docker's default bridge, where the ports are published, stays the
   * container's first network.
   */
  async joinNetwork(network: { name: string; alias: string }): Promise<void> {
    const docker = await dockerApi();
    await docker.getNetwork(network.name).connect({ Container: this.id, EndpointConfig: { Aliases: [network.alias] } });
    this.network = network;
  }

  /** Leaves the scenario network it joined; false if Docker says it is still on it. */
  async leaveNetwork(): Promise<boolean> {
    if (!this.network) return true;
    const docker = await dockerApi();
    const { name } = this.network;
    await docker.getNetwork(name).disconnect({ Container: this.id, Force: true }).catch(() => undefined);
    const info = await this.container.inspect().catch(() => undefined);
    if (!info || name in info.NetworkSettings.Networks) return false;
    this.network = undefined;
    return true;
  }

  /** Reads which host port Docker published for each container port. */
  async readPorts(): Promise<void> {
    const info = await this.container.inspect();
    for (const port of this.spec.ports) {
      const binding = info.NetworkSettings.Ports[`${port}/tcp`]?.[0];
      if (!binding) throw new Error(`Docker published no host port for container port ${port}`);
      this.ports.set(port, Number(binding.HostPort));
    }
  }

  /** Writes one command line, followed by a payload the command announced (claim <bytes>). */
  send(command: string, payload?: Buffer): void {
    if (!this.alive) throw new Error(`The service container ${this.id.slice(0, 12)} is gone`);
    this.stdin.write(`${command}\n`);
    if (payload) this.stdin.write(payload);
  }

  /** Calls `listener` on every event and when the container goes away; returns the unsubscribe. */
  onEvent(listener: () => void): () => void {
    this.changes.on('change', listener);
    return () => this.changes.off('change', listener);
  }

  /** The index the next event will have: wait for events from here on. */
  get eventCount(): number {
    return this.events.length;
  }

  /** Resolves with the first event from index `from` on that matches. */
  async waitForEvent(what: string, matches: (event: string) => boolean, timeoutMs: number, from = 0): Promise<string> {
    const GONE = '\0gone';
    const event = await waitUntil(
      `The service container reported ${what}`,
      timeoutMs,
      () => this.events.slice(from).find(matches) ?? (this.alive ? undefined : GONE),
      (onChange) => this.onEvent(onChange),
    );
    if (event === GONE) throw new Error(`The service container ${this.id.slice(0, 12)} went away before it reported ${what}`);
    return event;
  }

  async pause(): Promise<void> {
    await this.container.pause();
    this.paused = true;
  }

  async unpause(): Promise<void> {
    await this.container.unpause();
    this.paused = false;
  }

  /** Removes the container; never fails (it may be gone already). */
  async remove(): Promise<void> {
    this.alive = false;
    this.stdin.destroy();
    await this.container.remove({ force: true, v: true }).catch(() => undefined);
  }

  /** Reads the attached output: the supervisor's events and, between them, the service's log. */
  private readOutput(stream: Duplex): void {
    const output = new PassThrough();
    this.container.modem.demuxStream(stream, output, output);
    eachLine(output, (line) => {
      if (line.startsWith(EVENT_PREFIX)) {
        this.events.push(line.slice(EVENT_PREFIX.length));
        this.changes.emit('change');
      } else {
        this.lines.emit('line', line);
      }
    });
    const gone = () => {
      this.alive = false;
      this.changes.emit('change');
    };
    stream.on('end', gone);
    stream.on('close', gone);
    stream.on('error', gone);
  }
}
