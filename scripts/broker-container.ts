// One broker's container for `npm run broker`: checked before it is made, then started exactly as
// a scenario's broker on the plain path (support/services/plain-service.ts): the Mosquitto kind
// (its image, start command and ready line), the files lab-files.ts gives a broker (a break-it
// folder's laid over), the project's labels. What differs is only what a learner needs: a name
// to type (mqtt-labs-lab06), the FIXED ports the printed lines name, and the lab's certs/.
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, relative } from 'node:path';
import { isAlive } from '../support/docker/cleanup';
import { assertDockerAndImageReady, SetupError } from '../support/docker/preflight';
import { ScenarioNetwork } from '../support/docker/scenario-network';
import { readLabFiles, readLabFolders } from '../support/brokers/lab-files';
import { mosquitto } from '../support/brokers/mosquitto';
import { passwordFilePreparation } from '../support/brokers/password-file';
import { ServiceContainer } from '../support/services/plain-service';
import { ServiceFile, ServiceRequest } from '../support/services/service';
import { ServiceKind, ServiceStartError } from '../support/services/service-kind';
import { authService } from '../support/services/kinds/auth-service';
import { authServiceFiles } from '../support/apps/auth-service';
import { whereToLook } from '../support/services/start-service';
import { StartedService } from '../support/services/started-service';
import { DockerObject, existing, removeQuietly } from './docker-cli';
import { labDir, PROJECT_ROOT, tlsFilesOf, UsageError } from './lab-folders';
import { ExtraFile, Port } from './lab-topology';

export interface BrokerToStart {
  /** The compose service ('broker' for a lab's single broker): the log prefix, the recipes' service. */
  service: string;
  /** The container's name. */
  name: string;
  config: string;
  ports: Port[];
  /** Its host name on the topology's network, where the other brokers find it: its service name. */
  alias?: string;
  extraFiles: ExtraFile[];
  /** What it runs when it is not a broker: a load balancer's kind (lab 15's HAProxy, NGINX). */
  kind?: ServiceKind;
}

/** The broker did not come up: Mosquitto's own lines and the lab file to fix are in the message. */
export class BrokerStartError extends Error {}

/** Docker runs and has the image, or a UsageError that says what to do (support/docker/preflight's check). */
export function checkImage(image: string): void {
  try {
    assertDockerAndImageReady(image);
  } catch (error) {
    if (error instanceof SetupError) throw new UsageError(error.message);
    throw error;
  }
}

/** What a broker needs that is not there yet: certificates (`npm run certs`), the page's bundle. */
export function checkFilesExist(lab: string, { config, extraFiles, kind }: BrokerToStart): void {
  if (kind) return; // a load balancer's file is a lab file: readLabFiles says so if it is missing
  const missingCerts = tlsFilesOf(lab, config).filter((file) => !existsSync(join(labDir(lab), file)));
  if (missingCerts.some((file) => file.startsWith('certs/'))) {
    throw new UsageError(`brokers/${lab}/${config} needs ${missingCerts.join(', ')}, which are not there yet: run \`npm run certs\` first (it writes brokers/${lab}/certs/), then try again.`);
  }
  if (missingCerts.length) throw new UsageError(`brokers/${lab}/${config} needs ${missingCerts.join(', ')}, which brokers/${lab}/ does not have.`);
  const missing = extraFiles.filter(({ source }) => !existsSync(source));
  if (missing.length) {
    const names = missing.map(({ source }) => relative(PROJECT_ROOT, source)).join(', ');
    throw new UsageError(`The broker needs ${names}, which ${missing.length > 1 ? 'are' : 'is'} not there: run \`npm install\` first.`);
  }
}

/** A container or network of the same name must be ours, and its `npm run broker` gone, before we replace it. */
export function makeRoomFor(kind: DockerObject, name: string, lab: string): void {
  const found = existing(kind, name);
  if (!found) return;
  if (!found.ours) throw new UsageError(`A ${kind} called ${name} exists and is not one of mqtt-labs': remove or rename it first.`);
  if (found.host === hostname() && isAlive(found.pid) && found.pid !== process.pid) {
    throw new UsageError(`${name} is already running (npm run broker, process ${found.pid}): use that one, or stop it with Ctrl-C there or \`npm run broker -- ${lab} --stop\`.`);
  }
  removeQuietly(kind, [name]);
}

/** The files compose mounts at /lab-www (lab 11's page) go where lab-broker-start.sh puts them: www/. */
function mountedFilesOf(extraFiles: ExtraFile[]): ServiceFile[] {
  return extraFiles.map(({ source, target }) => {
    const inWww = /^\/lab-www\/(.+)$/.exec(target);
    if (!inWww) throw new UsageError(`npm run broker does not know where ${target} (a mount of docker-compose.yml) goes in the broker's container.`);
    return { name: `www/${inWww[1]}`, content: readFileSync(source), source: relative(PROJECT_ROOT, source) };
  });
}

/** What the service layer starts for one broker of `npm run broker`. */
export async function serviceRequestOf(lab: string, broker: BrokerToStart, breakIt: string | undefined, network?: ScenarioNetwork): Promise<ServiceRequest> {
  // Lab 18's auth service gets its built code (compose mounts build/labs/) and the lab's files, as in the scenarios.
  const files =
    broker.kind === authService
      ? await authServiceFiles({ lab, configFile: broker.config }, breakIt)
      : [...readLabFiles({ lab, configFile: broker.config }, breakIt), ...readLabFolders(lab), ...mountedFilesOf(broker.extraFiles)];
  return {
    name: broker.alias ?? broker.service,
    description: `${lab}/${broker.config}`,
    files,
    configFile: broker.config,
    ports: broker.ports.map((p) => p.container),
    hostPorts: Object.fromEntries(broker.ports.map((p) => [p.container, p.host])),
    containerName: broker.name,
    network,
    // A lab with demo users gets the password file its configurations name, as in the scenarios
    // (users.txt; lab 9's hub: bridge-users.txt).
    preparation: !broker.kind && usersFileOf(files) ? passwordFilePreparation(usersFileOf(files)!) : undefined,
  };
}

/** The plain `user:password` list a lab's password file is made from: users.txt, else one *users.txt. */
function usersFileOf(files: ServiceFile[]): string | undefined {
  const lists = files.map((f) => f.name).filter((name) => /(^|-)users\.txt$/.test(name));
  return lists.includes('users.txt') ? 'users.txt' : lists.length === 1 ? lists[0] : undefined;
}

const PORT_TAKEN = /address already in use|port is already allocated/;

/** Starts one broker through the service layer's plain path and waits for its ready line. */
export async function startBrokerService(lab: string, broker: BrokerToStart, breakIt: string | undefined, network?: ScenarioNetwork): Promise<StartedService> {
  const request = await serviceRequestOf(lab, broker, breakIt, network);
  const kind = broker.kind ?? mosquitto;
  try {
    return await new ServiceContainer(kind, request).startService();
  } catch (error) {
    if (!(error instanceof ServiceStartError)) throw error;
    if (PORT_TAKEN.test(error.message)) {
      const ports = broker.ports.map((p) => p.host).join(', ');
      throw new UsageError(
        `A port the broker needs (${ports}) is taken on 127.0.0.1: another broker runs there (a local Mosquitto, or \`npm run broker\` of another lab in another terminal). Stop it and try again.\n  ${error.message.split('\n')[0]}`,
      );
    }
    throw new BrokerStartError(`${error.message}\n${whereToLook(kind, error.message, request.files)}`);
  }
}
