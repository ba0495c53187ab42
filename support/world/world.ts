/**
 * Per-scenario state only, all of it here: what the scenario runs (brokers, clients, pages,
 * apps, by the names the feature gives them), what the lessons keep about it (state stores,
 * requests, wills, faults, bridges, ...) and what a When step hands to the Then steps after it.
 * Behaviour lives in the support modules; steps call into them. When the scenario ends, the
 * teardown stack (teardown.ts) undoes it all, phase by phase.
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
import { DemoUsers } from '../brokers/password-file';
import type { LastWill } from '../../labs/lab05/last-will';
import { Teardown, TeardownPhase, TeardownStack } from './teardown';
import { ScenarioApps } from './apps';
import { ScenarioServices } from './services';
import { BridgeRoutes, FaultLog, HighAvailabilityState, RequestReplyParticipants, Silence, StartedStore } from './lesson-state';
import { StepOutcomes } from './step-outcomes';
import { ChangeWatches } from '../brokers/dynamic-security-changes';

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

export type { Teardown, TeardownPhase } from './teardown';

export class LabWorld extends World {
  private readonly teardown = new TeardownStack();

  // --- What the scenario runs (each undone in its phase of the teardown, see teardown.ts) ---
  readonly brokers = new Map<string, Broker>();
  /** What each broker was started from, to start it anew (replaceBroker). */
  private readonly brokerRequests = new Map<string, { configRef: string; options: BrokerStartOptions }>();
  /** The Docker network of a scenario whose brokers reach each other by name. */
  network?: ScenarioNetwork;
  readonly clients = new Map<string, LabClient>();
  /** Connections that write their packets by hand (support/mqtt/raw-connection.ts), by name. */
  readonly rawConnections = new Map<string, RawConnection>();
  /** Browser tabs of the scenario (lab 11), by the name the feature gives them. */
  readonly pages = new Map<string, BrowserDashboard>();
  /** The pages' screenshots are in the report (support/clients/page-evidence.ts). */
  pagesPhotographed = false;
  /** The sequence diagram is in the report (support/report/packet-diagram.ts): once a scenario. */
  diagramAttached = false;
  /** Logs and packet traces of a failure are in the report (support/report/failure-evidence.ts). */
  evidenceAttached = false;
  /** Learner apps the scenario runs; add one with apps.add(app), it is stopped first. */
  readonly apps = new ScenarioApps(this.teardown);
  /** Containers beside the brokers (a load balancer, an auth service): services.start(kind, ...). */
  readonly services = new ScenarioServices(this.teardown, () => this.scenarioNetwork());

  // --- What the lessons keep about it ---
  /** The demo users of the broker's password file (lab 6): who logs in with which password. */
  readonly demoUsers = new DemoUsers();
  /** State stores (lab 10) by service name (support/mqtt/state-stores.ts). */
  readonly stores = new Map<string, StartedStore>();
  /** Requesters, responders and their requests (lab 5, support/mqtt/request-reply.ts). */
  readonly requestReply = new RequestReplyParticipants();
  /** The will each client left with the broker, by client name (lab 5, support/mqtt/wills.ts). */
  readonly wills = new Map<string, LastWill>();
  /** Clients that fell silent to show keepalive, by name (lab 5, support/mqtt/keepalive.ts). */
  readonly silences = new Map<string, Silence>();
  /** Where each multi-address bridge is connected now (labs 9, 12, 16: support/mqtt/bridges.ts). */
  readonly bridges: BridgeRoutes = new Map();
  /** Which broker each client's connections through a load balancer landed on, in order (lab 15, support/mqtt/load-balancing.ts). */
  readonly landings = new Map<string, string[]>();
  /** The faults the scenario caused on its brokers, in order (support/brokers/faults.ts). */
  readonly faults = new FaultLog();
  /** The fan-out and failover apps' proof so far: failovers seen, counters' baselines (lab 14). */
  readonly highAvailability = new HighAvailabilityState();
  /** The administrator's mosquitto_ctrl commands and what each did to clients, newest last (lab 17). */
  readonly dynsecChanges = new ChangeWatches();
  /** What a When step left for the Then steps: a publish, an attempt, an answer (step-outcomes.ts). */
  readonly outcomes = new StepOutcomes();

  /** The scenario's pickle id (set by a Before hook): names it in the benchmark's timings. */
  pickleId?: string;
  /** Removing the brokers, under way: the network goes once it has ended. */
  private brokersRemoved: Promise<unknown> = Promise.resolve();

  constructor(options: IWorldOptions) {
    super(options);
    this.onTeardown('apps', () => this.requestReply.stopAll());
    this.onTeardown('pages', () => Promise.all([...this.pages.values()].map((page) => page.dispose())));
    this.onTeardown('clients', () => this.clients.forEach((client) => client.close()));
    this.onTeardown('clients', () => this.rawConnections.forEach((connection) => connection.close()));
    this.onTeardown('brokers', () => this.removeBrokers());
    this.onTeardown('network', () => this.removeNetwork());
  }

  /** Registers clean-up for the end of the scenario, in its phase (see teardown.ts for the order). */
  onTeardown(phase: TeardownPhase, teardown: Teardown): void {
    this.teardown.add(phase, teardown);
  }

  /** Runs the teardown: apps, pages, clients, services, brokers, network; a failure stops nothing. */
  tearDown(): Promise<void> {
    return this.teardown.run();
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

  /** Connects a client (new or not) to a broker and returns the CONNACK; a refusal throws ConnectRefused. */
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
   * containers on it are removed. A broker that cannot be removed is left to the clean-up of
   * leftovers (npm run clean).
   */
  private async removeBrokers(): Promise<void> {
    this.brokersRemoved = Promise.all([...this.brokers.values()].map((broker) => broker.remove())).catch(() => undefined);
    if (onPlainPath()) await this.brokersRemoved;
    else inBackground(this.brokersRemoved);
  }

  private async removeNetwork(): Promise<void> {
    const network = this.network;
    if (!network) return;
    const gone = this.brokersRemoved.then(() => network.remove()).catch(() => undefined);
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
