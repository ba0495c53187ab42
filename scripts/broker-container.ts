// One broker's container for `npm run broker`: checked before it is made, created with the lab's
// files copied in (not bind-mounted, so it works with a remote Docker engine too), started.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { assertDockerAndImageReady, SetupError } from '../support/docker/preflight';
import { isAlive } from '../support/docker/cleanup';
import { docker, DockerObject, dockerSaid, existing, labelOptions, removeQuietly } from './docker-cli';
import { labDir, PROJECT_ROOT, tlsFilesOf, UsageError } from './lab-folders';
import { ExtraFile, Port } from './lab-topology';

const START_SCRIPT = join(__dirname, 'lab-broker-start.sh');

export interface BrokerToStart {
  /** The compose service ('broker' for a lab's single broker): the log prefix, the recipes' service. */
  service: string;
  /** The container's name. */
  name: string;
  config: string;
  ports: Port[];
  /** The topology's network, where the other brokers find this one by `alias`, its service name. */
  network?: string;
  alias?: string;
  extraFiles: ExtraFile[];
}

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
export function checkFilesExist(lab: string, { config, extraFiles }: BrokerToStart): void {
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

/**
 * The start script and the files the compose file mounts besides the lab's folder (lab 11's page
 * at /lab-www), in one folder that mirrors their places in the container: one `docker cp`.
 * The script goes in with LF line ends whatever the checkout did: sh in the container stops at a CR.
 */
function copyStartFiles(name: string, extraFiles: ExtraFile[]): void {
  const staging = mkdtempSync(join(tmpdir(), 'mqtt-labs-broker-'));
  try {
    writeFileSync(join(staging, 'lab-broker-start.sh'), readFileSync(START_SCRIPT, 'utf8').replace(/\r\n/g, '\n'));
    for (const { source, target } of extraFiles) {
      mkdirSync(dirname(join(staging, target)), { recursive: true });
      copyFileSync(source, join(staging, target));
    }
    docker(['container', 'cp', `${staging}${sep}.`, `${name}:/`]);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function createContainer(broker: BrokerToStart, image: string): void {
  const { name, ports, network, alias, config } = broker;
  docker([
    'container', 'create', '--name', name, ...labelOptions(),
    ...(network && alias ? ['--network', network, '--network-alias', alias] : []),
    // 127.0.0.1 only: a broker that lets anonymous clients in must not sit on the learner's
    // network (a café's wifi, an office LAN). `-p 1883:1883` would listen on every interface.
    ...ports.flatMap(({ host, container }) => ['--publish', `127.0.0.1:${host}:${container}`]),
    image, 'sh', '/lab-broker-start.sh', config,
  ]);
}

function startCreated(broker: BrokerToStart): void {
  try {
    docker(['container', 'start', broker.name]);
  } catch (error) {
    const said = dockerSaid(error);
    if (!/address already in use|port is already allocated/.test(said)) throw error;
    const ports = broker.ports.map((p) => p.host).join(', ');
    throw new UsageError(
      `A port the broker needs (${ports}) is taken on 127.0.0.1: another broker runs there (a local Mosquitto, or \`npm run broker\` of another lab in another terminal). Stop it and try again.\n  Docker said: ${said}`,
    );
  }
}

/** Creates one broker's container, copies the lab's files (and a break-it folder's) in, starts it. */
export function startContainer(lab: string, broker: BrokerToStart, image: string, breakIt: string | undefined): void {
  createContainer(broker, image);
  docker(['container', 'cp', `${labDir(lab)}${sep}.`, `${broker.name}:/lab`]);
  copyStartFiles(broker.name, broker.extraFiles);
  if (breakIt) docker(['container', 'cp', `${breakIt}${sep}.`, `${broker.name}:/break-it`]);
  startCreated(broker);
}
