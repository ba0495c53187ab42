/**
 * Where a scenario's brokers come from: support/services/ starts them as services of the kind
 * `mosquitto`, by default from this worker's pool of containers, with MQTT_LABS_PLAIN=1
 * (`npm test -- --plain`) from one new container per broker.
 */
import { asLabFiles, BrokerConfigRef, GeneratedFile, readLabFiles } from './lab-files';
import { ScenarioNetwork } from '../docker/scenario-network';
import { Service } from '../services/service';
import { closeServicePools, refuseNewServices, startService, warmUpPool } from '../services/start-service';
import { Broker } from './broker';
import { MQTT_PORT, mosquitto } from './mosquitto';

export { onPlainPath, scenarioBegins } from '../services/start-service';

export interface BrokerRequest {
  ref: BrokerConfigRef;
  /** Its name in the scenario ("hub"): in messages, and its host name on a scenario network. */
  name?: string;
  /** Container ports to publish besides 1883 (9001 for WebSockets, 8883 for TLS, ...). */
  extraPorts?: number[];
  /** A scenario network to join under this broker's name, so other brokers can reach it. */
  network?: { network: ScenarioNetwork; alias: string };
  /** Shell commands run in the broker's folder before Mosquitto first starts. */
  preparation?: string;
  /** Files made at test time (certificates, a web page), laid beside the lab's files. */
  files?: GeneratedFile[];
}

/** At the start of a worker: the first scenario's broker is then (nearly) ready when it asks. */
export function warmUpBrokerPool(): void {
  warmUpPool(mosquitto);
}

/** Starts a broker on the lab's files as they are on disk now. */
export async function startBroker(request: BrokerRequest): Promise<Broker> {
  const service = await startService(mosquitto, {
    name: request.network?.alias ?? request.name ?? 'broker',
    description: `${request.ref.lab}/${request.ref.configFile}`,
    files: [...readLabFiles(request.ref), ...asLabFiles(request.files ?? [])],
    configFile: request.ref.configFile,
    ports: [MQTT_PORT, ...(request.extraPorts ?? [])],
    network: request.network?.network,
    preparation: request.preparation,
  });
  return asBroker(service);
}

/** Steps say "stop the broker"; for a service that is stop(), the same SIGTERM. */
function asBroker(service: Service): Broker {
  return Object.assign(service, { stopBroker: () => service.stop() });
}

/** After Ctrl-C: no scenario gets a broker any more (and none is created in the background). */
export function refuseNewBrokers(): void {
  refuseNewServices();
}

/**
 * The end of this worker: waits for the pool's background work and removes its containers, or
 * (`leaveRemovalToRunner`) leaves the removal to the runner, which removes the run's containers next.
 */
export async function closeBrokerPool(options: { leaveRemovalToRunner?: boolean } = {}): Promise<void> {
  await closeServicePools(options);
}
