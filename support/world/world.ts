/**
 * Per-scenario state only: the brokers and clients a scenario started, by the names the
 * feature gives them. Behaviour lives in the support modules; steps call into them.
 */
import { IWorldOptions, setWorldConstructor, World } from '@cucumber/cucumber';
import { isDeepStrictEqual } from 'node:util';
import { IClientOptions } from 'mqtt';
import { Broker } from '../brokers/broker';
import { onPlainPath, startBroker } from '../brokers/start-broker';
import { inBackground } from '../sync/background-work';
import { GeneratedFile, parseConfigRef } from '../brokers/lab-files';
import { ConnectRefused, LabClient, ProtocolVersion } from '../clients/lab-client';
import { ScenarioNetwork, startScenarioNetwork } from '../docker/scenario-network';
import { recordBrokerStart } from './broker-timings';
import type { BrowserDashboard } from '../clients/browser';
import { RawConnection } from '../mqtt/raw-connection';

/** The broker a feature means when it says "the broker". */
export const DEFAULT_BROKER = 'broker';

export interface BrokerStartOptions {
  /** Container ports to publish besides 1883 (9001 for WebSockets, 8883 for TLS, ...). */
  extraPorts?: number[];
  /** Put the broker on the scenario network under its name, so other brokers can reach it. */
  networked?: boolean;
  /** Shell commands run in the container before Mosquitto starts (see withPreparation). */
  preparation?: string;
  /** Files made at test time (certificates, the lab 11 page), copied below /mosquitto/config. */
  files?: GeneratedFile[];
}

export interface ConnectOptions {
  protocolVersion?: ProtocolVersion;
  /** Which broker; "the broker" when the scenario has only one. */
  broker?: string;
  /** MQTT.js options for this connection only: clean, will, username, properties, ... */
  clientOptions?: IClientOptions;
}

/** Something to undo when the scenario ends. */
export type Teardown = () => void | Promise<void>;

export class LabWorld extends World {
  readonly brokers = new Map<string, Broker>();
  readonly clients = new Map<string, LabClient>();
  /** Browser tabs of the scenario (lab 11), by the name the feature gives them. */
  readonly pages = new Map<string, BrowserDashboard>();
  /** Connections that write their packets by hand (support/mqtt/raw-connection.ts), by name. */
  readonly rawConnections = new Map<string, RawConnection>();
  network?: ScenarioNetwork;
  /** The scenario's pickle id (set by a Before hook): names it in the benchmark's timings. */
  pickleId?: string;
  /**
   * What to undo when the scenario ends, last in first out: whatever a scenario set up later
   * may depend on what it set up earlier (a requester on its client, a client on its broker,
   * a broker on its network), so it goes first.
   */
  private readonly teardowns: Teardown[] = [];

  constructor(options: IWorldOptions) {
    super(options);
    this.onTeardown(() => this.removeBrokersAndNetwork());
    this.onTeardown(() => this.clients.forEach((client) => client.close()));
    this.onTeardown(() => this.rawConnections.forEach((connection) => connection.close()));
  }

  /** Registers clean-up for the end of the scenario (it runs before everything set up earlier). */
  onTeardown(teardown: Teardown): void {
    this.teardowns.push(teardown);
  }

  /** Runs the teardowns, newest first; one that fails does not stop the others. */
  async tearDown(): Promise<void> {
    const failures: unknown[] = [];
    for (const teardown of this.teardowns.splice(0).reverse()) {
      try {
        await teardown();
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length > 0) throw failures[0];
  }

  /** Starts a broker from brokers/<lab>/<file>, read from disk now. */
  async startBroker(name: string, configRef: string, options: BrokerStartOptions = {}): Promise<Broker> {
    if (this.brokers.has(name)) throw new Error(`This scenario already has a broker called "${name}"`);
    this.brokerRequests.set(name, { configRef, options });
    const started = performance.now();
    const broker = await startBroker({
      ref: parseConfigRef(configRef),
      name,
      extraPorts: options.extraPorts,
      network: options.networked ? { network: await this.scenarioNetwork(), alias: name } : undefined,
      preparation: options.preparation,
      files: options.files,
    });
    this.brokers.set(name, broker);
    recordBrokerStart(this.pickleId, name, performance.now() - started);
    return broker;
  }

  /**
   * Removes a broker and starts a new one from the same files, as `docker rm` and a new
   * `docker run` would. On the default path the pool hands the new broker the very container
   * the old one ran in, once it has been reset: a scenario can check that nothing survived.
   */
  async replaceBroker(name = DEFAULT_BROKER): Promise<{ old: Broker; replacement: Broker }> {
    const old = this.broker(name);
    const request = this.brokerRequests.get(name)!;
    await old.remove();
    this.brokers.delete(name);
    const replacement = await this.startBroker(name, request.configRef, request.options);
    return { old, replacement };
  }
  private readonly brokerRequests = new Map<string, { configRef: string; options: BrokerStartOptions }>();

  /** True for a broker that joined the scenario network (other brokers reach it by name). */
  isNetworked(name: string): boolean {
    return this.brokerRequests.get(name)?.options.networked === true;
  }

  /** The scenario network a networked broker is on. */
  networkOf(name: string): ScenarioNetwork {
    if (!this.isNetworked(name) || !this.network) throw new Error(`The ${name} broker is on no scenario network: it was not started to be reached by other brokers`);
    return this.network;
  }

  broker(name = DEFAULT_BROKER): Broker {
    const broker = this.brokers.get(name) ?? (name === DEFAULT_BROKER && this.brokers.size === 1 ? [...this.brokers.values()][0] : undefined);
    if (!broker) throw new Error(`No broker called "${name}" was started in this scenario`);
    return broker;
  }

  /**
   * A client by name; created (not connected) on first mention, speaking `protocolVersion`
   * (MQTT 3.1.1 unless given) with `options` for every connection it makes. For a client the
   * scenario already has, a version or options that differ from its own are an error: an MQTT
   * 3.1.1 client would silently drop every MQTT 5 property, a session expiry never sent would
   * silently not apply.
   */
  client(name: string, protocolVersion?: ProtocolVersion, options?: IClientOptions): LabClient {
    const existing = this.clients.get(name);
    if (!existing) {
      const client = new LabClient(name, protocolVersion ?? 4, options ?? {});
      client.peers = () => [...this.clients.values()];
      this.clients.set(name, client);
      return client;
    }
    if (protocolVersion !== undefined && existing.protocolVersion !== protocolVersion) {
      throw new Error(`${name} speaks ${protocolName(existing.protocolVersion)}, but this step needs ${protocolName(protocolVersion)}`);
    }
    if (options !== undefined && !isDeepStrictEqual(options, existing.baseOptions)) {
      throw new Error(
        `${name} already exists with the client options ${describeOptions(existing.baseOptions)}; this step asks for ${describeOptions(options)}. ` +
          'A client keeps the options it was introduced with: give the step its own client, or pass per-connection options to connect().',
      );
    }
    return existing;
  }

  /**
   * Connects a client (introducing it if new) to a broker of the scenario and returns the
   * CONNACK. Refusals throw ConnectRefused; use connectExpectingRefusal for those.
   */
  async connect(name: string, options: ConnectOptions = {}) {
    const client = this.client(name, options.protocolVersion);
    return client.connect(this.broker(options.broker).url(), options.clientOptions);
  }

  /**
   * Tries to connect where the broker may refuse: a refusing CONNACK is an outcome (kept in the
   * client's lastConnack) for a later step to judge, not an error.
   */
  async tryToConnect(name: string, options: ConnectOptions = {}): Promise<void> {
    try {
      await this.connect(name, options);
    } catch (error) {
      if (!(error instanceof ConnectRefused)) throw error;
    }
  }

  /**
   * The client, connected: steps like "the dashboard subscribes" connect it on first use.
   * With `protocolVersion`, a client the scenario introduced with another version is an error:
   * an MQTT 3.1.1 client would silently drop every MQTT 5 property.
   */
  async connectedClient(name: string, protocolVersion?: ProtocolVersion): Promise<LabClient> {
    const client = this.client(name, protocolVersion);
    if (!client.isConnected) await client.connect(this.broker().url());
    return client;
  }

  /** Opens a hand-written connection to a broker of the scenario; it has sent nothing yet. */
  async openRawConnection(name: string, protocolVersion: ProtocolVersion, broker?: string): Promise<RawConnection> {
    if (this.clients.has(name) || this.rawConnections.has(name)) throw new Error(`This scenario already has a client called "${name}"`);
    const connection = await RawConnection.open(name, this.broker(broker).url(), protocolVersion);
    this.rawConnections.set(name, connection);
    return connection;
  }

  rawConnection(name: string): RawConnection {
    const connection = this.rawConnections.get(name);
    if (!connection) throw new Error(`The scenario has no hand-written connection called "${name}" yet`);
    return connection;
  }

  /** A client the scenario must already have introduced. */
  existingClient(name: string): LabClient {
    const client = this.clients.get(name);
    if (!client) throw new Error(`The scenario has no client called "${name}" yet`);
    return client;
  }

  /**
   * The barrier that proves an absence: two PINGREQ round trips over every connected client.
   * The first round makes sure the broker has processed everything the clients sent; the second
   * that everything it routed to them as a result has arrived. After it, "nothing arrived" is
   * a fact, not a guess about timing.
   * Name the clients whose absence of messages the step asserts: each must be connected (a
   * client the broker dropped receives nothing either, which proves nothing), and the barrier
   * fails loudly, naming it and when its connection closed, if not. Other clients may be
   * disconnected, or be disconnected by the broker during the barrier: they are skipped.
   */
  async settle(...absenceOn: string[]): Promise<void> {
    const proving = new Set(absenceOn.map((name) => this.existingClient(name)));
    for (const client of proving) client.expectConnected(`"${client.name} received nothing more"`);
    for (let round = 0; round < 2; round++) {
      const live = [...this.clients.values()].filter((c) => proving.has(c) || c.isConnected);
      await Promise.all(
        live.map((c) =>
          c.roundTrip().catch((error: unknown) => {
            if (proving.has(c) || c.isConnected) throw error;
          }),
        ),
      );
    }
  }

  /**
   * On the plain path the scenario waits until its containers are gone. On the default path
   * nobody waits: pooled brokers are reset in the background, and the network goes once the
   * containers on it are removed.
   */
  private async removeBrokersAndNetwork(): Promise<void> {
    const network = this.network;
    const removed = Promise.all([...this.brokers.values()].map((broker) => broker.remove()));
    const gone = removed.then(() => network?.remove()).catch(() => undefined);
    if (onPlainPath()) await gone;
    else inBackground(gone);
  }

  private async scenarioNetwork(): Promise<ScenarioNetwork> {
    this.network ??= await startScenarioNetwork();
    return this.network;
  }
}

const protocolName = (version: ProtocolVersion) => (version === 5 ? 'MQTT 5' : 'MQTT 3.1.1');
const describeOptions = (options: IClientOptions) => JSON.stringify(options, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString() : value));

setWorldConstructor(LabWorld);
