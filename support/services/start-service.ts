/**
 * Where a scenario's services come from. By default a kind whose program restarts inside its
 * container (ServiceKind.pooled) gets a container from this worker's pool for its image
 * (container-pool.ts); every other kind, and every kind with MQTT_LABS_PLAIN=1
 * (`npm test -- --plain`), gets one new container, started and removed by testcontainers:
 * slower, and the baseline that `npm run bench` measures the pool against.
 */
import { ContainerPool } from './container-pool';
import { PooledService } from './pooled-service';
import { Service, ServiceFile, ServiceRequest } from './service';
import { ServiceKind, ServiceStartError } from './service-kind';
import { runConfig } from '../run/run-config';

/** `--plain` (or MQTT_LABS_PLAIN=1): a new container per service, the benchmark's baseline. */
export function onPlainPath(): boolean {
  return runConfig().plain;
}

/** One pool per image and set of ports: kinds that share both share containers. */
const pools = new Map<string, ContainerPool>();
let interrupted = false;
/** Scenarios this worker has begun (hooks.ts counts them). */
let scenariosBegun = 0;

/** A scenario begins: the pools' spares are for it (a second broker) and for those to come. */
export function scenarioBegins(): void {
  scenariosBegun++;
}

/**
 * Whether a spare container may still be claimed: not once the last scenario the runner
 * planned has begun (a multi-broker last scenario makes its next container when it asks).
 * With --parallel a worker runs only a share of the plan: it keeps its spare to its end, as before.
 */
function spareMayBeClaimed(): boolean {
  const planned = runConfig().plannedScenarios;
  return planned === undefined || scenariosBegun < planned;
}

function poolFor(kind: ServiceKind): ContainerPool | undefined {
  if (onPlainPath() || !kind.pooled) return undefined;
  const image = kind.image();
  const key = `${image} ${kind.pooled.ports.join(',')}`;
  if (!pools.has(key)) pools.set(key, new ContainerPool(image, kind.pooled.ports, spareMayBeClaimed));
  return pools.get(key);
}

/** At the start of a worker: the first scenario's service is then (nearly) ready when it asks. */
export function warmUpPool(kind: ServiceKind): void {
  poolFor(kind)?.warmUp();
}

/**
 * Starts a service on its files. A configuration it rejects fails at once, with the program's
 * own lines and the lab file and line to fix.
 */
export async function startService(kind: ServiceKind, request: ServiceRequest): Promise<Service> {
  try {
    return await startOn(kind, request);
  } catch (error) {
    if (!(error instanceof ServiceStartError)) throw error;
    throw new ServiceStartError(`${error.message}\n${whereToLook(kind, error.message, request.files)}`, error.msToExit);
  }
}

async function startOn(kind: ServiceKind, request: ServiceRequest): Promise<Service> {
  if (interrupted) throw new Error(`The run was interrupted: no new ${kind.role} is started`);
  const pool = poolFor(kind);
  if (pool) return PooledService.start(kind, pool, request);
  // Loaded only here: testcontainers takes most of a second to load.
  const { ServiceContainer } = require('./plain-service') as typeof import('./plain-service');
  return new ServiceContainer(kind, request).startService();
}

/**
 * Programs name the file and line they reject as they see them in the container
 * ("Error found at /mosquitto/config/acl:3.", "parsing [/usr/local/etc/haproxy/haproxy.cfg:5]");
 * a learner edits brokers/labNN/acl.
 */
export function whereToLook(kind: ServiceKind, message: string, files: ServiceFile[]): string {
  const lines = [...message.matchAll(new RegExp(`${kind.configDir}/([\\w./-]+?):(\\d+)`, 'g'))];
  const named = lines.map(([, name, line]) => {
    const file = files.find((f) => f.name === name);
    return file ? `${file.source}, line ${line}` : undefined;
  });
  const places = [...new Set(named.filter(Boolean))];
  return places.length > 0 ? `The line to fix: ${places.join('; ')}` : `The files it ran on: ${files.map((f) => f.source).join(', ')}`;
}

/** After Ctrl-C: no scenario gets a service any more (and none is created in the background). */
export function refuseNewServices(): void {
  interrupted = true;
  for (const pool of pools.values()) void pool.close();
}

/**
 * The end of this worker: waits for the pools' background work and removes their containers,
 * or (`leaveRemovalToRunner`) leaves that to the runner, which removes the run's containers next.
 */
export async function closeServicePools(options: { leaveRemovalToRunner?: boolean } = {}): Promise<void> {
  await Promise.all([...pools.values()].map((pool) => pool.close(options)));
}
