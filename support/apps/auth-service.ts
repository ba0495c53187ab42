/**
 * Lab 18's auth service in a scenario: the built service (labs/lab18/auth-service.ts, compiled
 * by `npm run build`) and the lab's files handed to a node-service container
 * (support/services/kinds/auth-service.ts) on the scenario network, under the name the broker's
 * plugin asks: "auth". And the timing of logins, which lab 18 bounds: a broker that waits for
 * a slow service must still answer within its plugin's timeout.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IClientOptions } from 'mqtt';
import { BrokerConfigRef, parseConfigRef, readLabFiles } from '../brokers/lab-files';
import type { Service, ServiceFile } from '../services/service';
import { authService } from '../services/kinds/auth-service';
import { PROJECT_ROOT } from '../world/paths';
import type { LabWorld } from '../world/world';
import { ensureBuilt } from './app-build';

/** The host name the lab's mosquitto.conf gives the service (http://auth:8080/...). */
export const AUTH_SERVICE_NAME = 'auth';
const SERVICE_APP = 'lab18/auth-service';

/** The built JavaScript the service needs: its own folder and labs/shared, as lab18/x.js, shared/y.js. */
function builtServiceFiles(): ServiceFile[] {
  return ['lab18', 'shared'].flatMap((folder) => {
    const dir = join(PROJECT_ROOT, 'build', 'labs', folder);
    return readdirSync(dir)
      .filter((name) => name.endsWith('.js'))
      .map((name) => ({ name: `${folder}/${name}`, content: readFileSync(join(dir, name)), source: `build/labs/${folder}/${name}`, mode: 0o644 }));
  });
}

/**
 * What the service's container gets: the lab's files (a break-it copy laid over an original:
 * users.json, acl.json, the .env settings) and the built code, built first when it is missing
 * or older than its source. `npm run broker -- lab18` hands over the same.
 */
export async function authServiceFiles(ref: BrokerConfigRef, breakIt?: string): Promise<ServiceFile[]> {
  await ensureBuilt(SERVICE_APP);
  return [...readLabFiles(ref, breakIt).map((f) => ({ ...f, mode: 0o644 })), ...builtServiceFiles()];
}

/** Starts the service on the lab files with the settings of `envRef` ("lab18/auth-service.env"). */
export async function startAuthService(world: LabWorld, envRef: string): Promise<Service> {
  const ref = parseConfigRef(envRef);
  // The node-service image is there: the runner checked it before the run (support/images/lab-images.ts).
  const files = await authServiceFiles(ref);
  return world.services.start(authService, { name: AUTH_SERVICE_NAME, description: envRef, files, configFile: ref.configFile, ports: [] });
}

export function authServiceOf(world: LabWorld): Service {
  return world.services.get(AUTH_SERVICE_NAME);
}

/** Tries to log a client in and keeps how long the broker took to answer. */
export async function timedLogin(world: LabWorld, name: string, clientOptions: IClientOptions, protocolVersion?: 4 | 5): Promise<number> {
  const started = performance.now();
  await world.tryToConnect(name, { protocolVersion, clientOptions });
  const ms = performance.now() - started;
  world.outcomes.loginTimes.set(name, ms);
  return ms;
}

export function lastLoginMs(world: LabWorld, name: string): number {
  const ms = world.outcomes.loginTimes.get(name);
  if (ms === undefined) throw new Error(`The ${name} has not tried to log in with a timed step`);
  return ms;
}

/** The median and the worst of some durations, for a report line. */
export function medianAndWorst(durations: number[]): { median: number; worst: number } {
  const sorted = [...durations].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, worst: sorted[sorted.length - 1]! };
}

/** A line of a service's log that matches: one already logged, or the next one within `timeoutMs`. */
export function loggedLine(service: Pick<Service, 'logLines' | 'waitForLogLine'>, pattern: RegExp, timeoutMs: number, what: string): Promise<string> {
  const already = service.logLines.find((line) => pattern.test(line));
  return already !== undefined ? Promise.resolve(already) : service.waitForLogLine(pattern, timeoutMs, what);
}

/** A RegExp that matches `text` literally. */
export function literally(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
