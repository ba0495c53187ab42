/**
 * Per-scenario state only: the brokers and clients a scenario started, by the names the
 * feature gives them. Behaviour lives in the support modules; steps call into them.
 */
import { IWorldOptions, setWorldConstructor, World } from '@cucumber/cucumber';
import { IClientOptions } from 'mqtt';
import { StartedNetwork } from 'testcontainers';
import type { BrowserDashboard } from './browser';
import { brokerImage } from './broker-image';
import { parseConfigRef } from './lab-files';
import { ConnectRefused, LabClient, ProtocolVersion } from './lab-client';
import { GeneratedFile, MosquittoContainer, MQTT_PORT, StartedMosquittoContainer } from './mosquitto-container';
import { startScenarioNetwork } from './scenario-network';

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

export class LabWorld extends World {
  readonly brokers = new Map<string, StartedMosquittoContainer>();
  readonly clients = new Map<string, LabClient>();
  /** Browser tabs of the scenario (lab 11), by the name the feature gives them. */
  readonly pages = new Map<string, BrowserDashboard>();
  network?: StartedNetwork;

  constructor(options: IWorldOptions) {
    super(options);
  }

  /** Starts a broker from brokers/<lab>/<file>, read from disk now. */
  async startBroker(name: string, configRef: string, options: BrokerStartOptions = {}): Promise<StartedMosquittoContainer> {
    if (this.brokers.has(name)) throw new Error(`This scenario already has a broker called "${name}"`);
    const container = new MosquittoContainer(brokerImage()).withLabConfig(parseConfigRef(configRef));
    if (options.extraPorts?.length) container.withExposedPorts(MQTT_PORT, ...options.extraPorts);
    if (options.networked) container.onNetwork(await this.scenarioNetwork(), name);
    if (options.preparation) container.withPreparation(options.preparation);
    if (options.files?.length) container.withGeneratedFiles(options.files);
    const broker = await container.start();
    this.brokers.set(name, broker);
    return broker;
  }

  broker(name = DEFAULT_BROKER): StartedMosquittoContainer {
    const broker = this.brokers.get(name) ?? (name === DEFAULT_BROKER && this.brokers.size === 1 ? [...this.brokers.values()][0] : undefined);
    if (!broker) throw new Error(`No broker called "${name}" was started in this scenario`);
    return broker;
  }

  /** A client by name; created (not connected) on first mention. */
  client(name: string, protocolVersion: ProtocolVersion = 4, options: IClientOptions = {}): LabClient {
    let client = this.clients.get(name);
    if (!client) {
      client = new LabClient(name, protocolVersion, options);
      this.clients.set(name, client);
    }
    return client;
  }

  /**
   * Connects a client (introducing it if new) to a broker of the scenario and returns the
   * CONNACK. Refusals throw ConnectRefused; use connectExpectingRefusal for those.
   */
  async connect(name: string, options: ConnectOptions = {}) {
    const client = this.client(name, options.protocolVersion ?? 4);
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
    if (protocolVersion !== undefined && client.protocolVersion !== protocolVersion) {
      throw new Error(`${name} speaks MQTT ${client.protocolVersion === 5 ? '5' : '3.1.1'}, but this step needs MQTT ${protocolVersion === 5 ? '5' : '3.1.1'}`);
    }
    if (!client.isConnected) await client.connect(this.broker().url());
    return client;
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
   */
  async settle(): Promise<void> {
    for (let round = 0; round < 2; round++) {
      await Promise.all([...this.clients.values()].map((c) => c.roundTrip()));
    }
  }

  private async scenarioNetwork(): Promise<StartedNetwork> {
    this.network ??= await startScenarioNetwork();
    return this.network;
  }
}

setWorldConstructor(LabWorld);
