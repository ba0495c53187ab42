/**
 * Where a scenario's brokers come from. By default, from this worker's pool of containers
 * (support/brokers/broker-pool.ts); with MQTT_LABS_PLAIN=1 (`npm test -- --plain`), from one
 * new container per broker, started and removed by testcontainers: slower, and the baseline
 * that `npm run bench` measures the pool against.
 */
import { brokerImage } from '../docker/preflight';
import { asLabFiles, BrokerConfigRef, GeneratedFile, LabFile, readLabFiles } from './lab-files';
import { ScenarioNetwork } from '../docker/scenario-network';
import { Broker, BrokerStartError, CONFIG_DIR, MQTT_PORT } from './broker';
import { BrokerPool } from './broker-pool';
import { PooledBroker } from './pooled-broker';

export function onPlainPath(): boolean {
  return process.env.MQTT_LABS_PLAIN === '1';
}

export interface BrokerRequest {
  ref: BrokerConfigRef;
  /** Container ports to publish besides 1883 (9001 for WebSockets, 8883 for TLS, ...). */
  extraPorts?: number[];
  /** A scenario network to join under this broker's name, so other brokers can reach it. */
  network?: { network: ScenarioNetwork; alias: string };
  /** Shell commands run in the broker's folder before Mosquitto first starts. */
  preparation?: string;
  /** Files made at test time (certificates, a web page), laid beside the lab's files. */
  files?: GeneratedFile[];
}

let pool: BrokerPool | undefined;

/** At the start of a worker: the first scenario's broker is then (nearly) ready when it asks. */
export function warmUpBrokerPool(): void {
  if (onPlainPath()) return;
  pool ??= new BrokerPool(brokerImage());
  pool.warmUp();
}

/** Starts a broker on the lab's files as they are on disk now. */
export async function startBroker(request: BrokerRequest): Promise<Broker> {
  const files = [...readLabFiles(request.ref), ...asLabFiles(request.files ?? [])];
  try {
    return await startOn(request, files);
  } catch (error) {
    if (!(error instanceof BrokerStartError)) throw error;
    throw new BrokerStartError(`${error.message}\n${whereToLook(error.message, files)}`, error.msToExit);
  }
}

/**
 * Mosquitto names the file and line it rejects as it sees them in the container
 * ("Error found at /mosquitto/config/acl:3."); a learner edits brokers/labNN/acl.
 */
function whereToLook(message: string, files: LabFile[]): string {
  const lines = [...message.matchAll(new RegExp(`${CONFIG_DIR}/([\\w.-]+):(\\d+)`, 'g'))];
  const named = lines.map(([, name, line]) => {
    const file = files.find((f) => f.name === name);
    return file ? `${file.source}, line ${line}` : undefined;
  });
  const places = [...new Set(named.filter(Boolean))];
  return places.length > 0 ? `The line to fix: ${places.join('; ')}` : `The files it ran on: ${files.map((f) => f.source).join(', ')}`;
}

async function startOn(request: BrokerRequest, files: LabFile[]): Promise<Broker> {
  if (interrupted) throw new Error('The run was interrupted: no new broker is started');
  const description = `${request.ref.lab}/${request.ref.configFile}`;
  const ports = [MQTT_PORT, ...(request.extraPorts ?? [])];
  if (onPlainPath()) {
    // Loaded only here: testcontainers takes most of a second to load.
    const { MosquittoContainer } = require('./mosquitto-container') as typeof import('./mosquitto-container');
    const container = new MosquittoContainer(brokerImage()).withLabFiles(description, files, request.ref.configFile).withExposedPorts(...ports);
    if (request.network) container.onNetwork(request.network.network, request.network.alias);
    if (request.preparation) container.withPreparation(request.preparation);
    return container.start();
  }
  pool ??= new BrokerPool(brokerImage());
  return PooledBroker.start(pool, {
    description,
    files,
    configFile: request.ref.configFile,
    preparation: request.preparation,
    ports,
    network: request.network && { name: request.network.network.name, alias: request.network.alias },
  });
}

/** After Ctrl-C: no scenario gets a broker any more (and none is created in the background). */
export function refuseNewBrokers(): void {
  interrupted = true;
  void pool?.close();
}
let interrupted = false;

/** The end of this worker: waits for the pool's background work and removes its containers. */
export async function closeBrokerPool(): Promise<void> {
  await pool?.close();
}
