// `npm run broker -- lab06 [config]`: a lab's broker to play with by hand.
//
// Starts the broker from the project's image with the lab's files laid out as the scenarios lay
// them out (scripts/lab-broker-start.sh), publishes its ports on 127.0.0.1 only, prints where to
// connect and mosquitto_sub/mosquitto_pub lines that run inside the image (no local Mosquitto
// needed), follows the broker's log, and removes the container on Ctrl-C.
//
// A lab whose docker-compose.yml defines several brokers (lab 9's hub and leaf) gets all of them,
// as Compose would start them (scripts/lab-topology.js reads the file): a Docker network of its
// own, one container per service joined to it under the service's name (the bridges' `address
// hub:1883`), the conf, ports and depends_on order the file gives. Ctrl-C removes them all.
//
//   npm run broker -- lab06                      the lab's default configuration
//   npm run broker -- lab09                      every broker of lab 9's docker-compose.yml
//   npm run broker -- lab06 passwords.conf       one configuration (unknown names list the lab's configs)
//   npm run broker -- lab06 --stop               remove the lab's brokers started in another terminal
//   BREAK_IT=lab06/<name> npm run broker -- lab06   with a break-it exercise's files laid over
//
// Plain Node and the docker CLI. The files go into the container with `docker cp`, not a bind
// mount, so it works wherever `npm test` works (also with a remote Docker engine).
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } = require('node:fs');
const { hostname, tmpdir } = require('node:os');
const { dirname, join, relative } = require('node:path');
const { HOST_LABEL, PID_LABEL, PROJECT_LABEL, RUN_LABEL } = require('../support/docker/labels');
const lab = require('./lab-folders');
const topology = require('./lab-topology');
const { isAlive } = require('./cleanup');

const READY_LINE = /mosquitto version \S+ running/;
const STARTUP_TIMEOUT_MS = 20_000;
const START_SCRIPT = join(__dirname, 'lab-broker-start.sh');

function docker(args, options = {}) {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000, ...options }).trim();
}

/** The first line of a failed docker command's stderr: what Docker actually said. */
function dockerSaid(error) {
  return String(error.stderr || error.message).trim().split('\n').pop();
}

function containerNameOf(labName, service) {
  return service ? `mqtt-labs-${labName}-${service}` : `mqtt-labs-${labName}`;
}

/** Labels and pid of a container (or network) with that name, or undefined when there is none. */
function existing(kind, name) {
  try {
    const format = kind === 'network' ? '{{json .Labels}}' : '{{json .Config.Labels}}';
    const labels = JSON.parse(docker([kind, 'inspect', '--format', format, name]) || '{}') ?? {};
    return { ours: labels[PROJECT_LABEL] === 'mqtt-labs', pid: Number(labels[PID_LABEL]), host: labels[HOST_LABEL] };
  } catch {
    return undefined;
  }
}

/** A container or network of the same name must be ours, and its `npm run broker` gone, before we replace it. */
function makeRoomFor(kind, name, labName) {
  const found = existing(kind, name);
  if (!found) return;
  if (!found.ours) throw new lab.UsageError(`A ${kind} called ${name} exists and is not one of mqtt-labs': remove or rename it first.`);
  if (found.host === hostname() && isAlive(found.pid) && found.pid !== process.pid) {
    throw new lab.UsageError(`${name} is already running (npm run broker, process ${found.pid}): use that one, or stop it with Ctrl-C there or \`npm run broker -- ${labName} --stop\`.`);
  }
  removeQuietly(kind, [name]);
}

/** Removes containers (with their volumes) or networks; those already gone are no error. */
function removeQuietly(kind, names) {
  if (!names.length) return;
  try {
    // One command for all: Docker removes every one it finds, and only then reports the others.
    docker(kind === 'network' ? ['network', 'rm', ...names] : ['container', 'rm', '-f', '-v', ...names]);
  } catch {
    // Some were already gone (removed with --stop from another terminal, or never created).
  }
}

/** Everything `npm run broker -- <lab>` may have made: the single broker, one per service, the network. */
function everythingOf(labName) {
  const containers = [containerNameOf(labName), ...topology.servicesOf(labName).map((s) => containerNameOf(labName, s.name))];
  return { containers, network: containerNameOf(labName) };
}

function stopCommand(labName) {
  const { containers, network } = everythingOf(labName);
  const ours = containers.filter((name) => existing('container', name)?.ours);
  const notOurs = containers.filter((name) => existing('container', name) && !ours.includes(name));
  if (notOurs.length) console.log(`Not touching ${notOurs.join(', ')}: not mqtt-labs' containers.`);
  removeQuietly('container', ours);
  const networkOurs = existing('network', network)?.ours;
  if (networkOurs) removeQuietly('network', [network]);
  if (!ours.length && !networkOurs) return console.log(`No broker of ${labName} is running (no container ${containers.slice(0, 2).join(', ')}, ...).`);
  console.log(`Stopped and removed ${[...ours, ...(networkOurs ? [`the network ${network}`] : [])].join(', ')}.`);
}

function breakItFolder(labName) {
  const breakIt = process.env.BREAK_IT?.trim();
  if (!breakIt) return undefined;
  const [breakLab, exercise] = breakIt.split('/');
  if (breakLab !== labName) throw new lab.UsageError(`BREAK_IT=${breakIt} is not an exercise of ${labName}.`);
  const dir = join(lab.labDir(labName), 'break-it', exercise ?? '');
  if (!exercise || !existsSync(dir)) throw new lab.UsageError(`BREAK_IT=${breakIt}: there is no folder brokers/${labName}/break-it/${exercise ?? ''}.`);
  return dir;
}

/**
 * Files the compose file mounts besides the lab's folder (lab 11's page at /lab-www), copied in
 * with one `docker cp` of a folder that mirrors their places in the container.
 */
function copyExtraFiles(name, extraFiles) {
  if (!extraFiles.length) return;
  const staging = mkdtempSync(join(tmpdir(), 'mqtt-labs-broker-'));
  try {
    for (const { source, target } of extraFiles) {
      mkdirSync(dirname(join(staging, target)), { recursive: true });
      copyFileSync(source, join(staging, target));
    }
    docker(['container', 'cp', `${staging}/.`, `${name}:/`]);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** What a broker needs that is not there yet: certificates (`npm run certs`), the page's bundle. */
function checkFilesExist(labName, config, extraFiles) {
  const missingCerts = lab.tlsFilesOf(labName, config).filter((file) => !existsSync(join(lab.labDir(labName), file)));
  if (missingCerts.some((file) => file.startsWith('certs/'))) {
    throw new lab.UsageError(`brokers/${labName}/${config} needs ${missingCerts.join(', ')}, which are not there yet: run \`npm run certs\` first (it writes brokers/${labName}/certs/), then try again.`);
  }
  if (missingCerts.length) throw new lab.UsageError(`brokers/${labName}/${config} needs ${missingCerts.join(', ')}, which brokers/${labName}/ does not have.`);
  const missing = extraFiles.filter(({ source }) => !existsSync(source));
  if (missing.length) {
    throw new lab.UsageError(`The broker needs ${missing.map(({ source }) => relative(lab.PROJECT_ROOT, source)).join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} not there: run \`npm install\` first.`);
  }
}

/**
 * Creates one broker's container, copies the lab's files in, starts it.
 * broker: { name, config, ports: [{ host, container }], network?, alias?, extraFiles }
 */
function startContainer(labName, broker, image) {
  const { name, config, ports } = broker;
  docker([
    'container', 'create', '--name', name,
    '--label', `${PROJECT_LABEL}=mqtt-labs`,
    '--label', `${RUN_LABEL}=broker-${process.pid}`,
    '--label', `${PID_LABEL}=${process.pid}`,
    '--label', `${HOST_LABEL}=${hostname()}`,
    // The topology's network, where the other brokers find this one by its service name.
    ...(broker.network ? ['--network', broker.network, '--network-alias', broker.alias] : []),
    // 127.0.0.1 only: a broker that lets anonymous clients in must not sit on the learner's
    // network (a café's wifi, an office LAN). `-p 1883:1883` would listen on every interface.
    ...ports.flatMap(({ host, container }) => ['--publish', `127.0.0.1:${host}:${container}`]),
    image, 'sh', '/lab-broker-start.sh', config,
  ]);
  docker(['container', 'cp', `${lab.labDir(labName)}/.`, `${name}:/lab`]);
  docker(['container', 'cp', START_SCRIPT, `${name}:/lab-broker-start.sh`]);
  copyExtraFiles(name, broker.extraFiles);
  const breakIt = breakItFolder(labName);
  if (breakIt) docker(['container', 'cp', `${breakIt}/.`, `${name}:/break-it`]);
  try {
    docker(['container', 'start', name]);
  } catch (error) {
    const said = dockerSaid(error);
    if (/address already in use|port is already allocated/.test(said)) {
      throw new lab.UsageError(
        `A port the broker needs (${ports.map((p) => p.host).join(', ')}) is taken on 127.0.0.1: another broker runs there (a local Mosquitto, or \`npm run broker\` of another lab in another terminal). Stop it and try again.\n  Docker said: ${said}`,
      );
    }
    throw error;
  }
}

function quote(text) {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

const scheme = (l) => (l.protocol === 'websockets' ? (l.tls ? 'wss' : 'ws') : l.tls ? 'mqtts' : 'mqtt');

/**
 * The compose file's example lines for these containers, as docker commands. containerOf maps a
 * service name to its container; lines for a service that is not running are left out.
 */
function examplesFor(labName, containerOf) {
  return lab.composeExamplesOf(labName).flatMap(({ command, note }) => {
    const line = command.startsWith('http') ? command : toDocker(command, containerOf);
    return line ? [`    ${line}${note ? `   # ${note}` : ''}`] : [];
  });
}

/** What a learner needs to play with one broker: where to connect, and commands to paste. */
function printHowToConnect(name, labName, config, listeners) {
  const breakIt = process.env.BREAK_IT?.trim();
  const lines = [
    '',
    `The ${labName} broker is running: brokers/${labName}/${config}${breakIt ? ` with the files of brokers/${labName}/break-it/${breakIt.split('/')[1]}/ laid over` : ''} (container ${name}).`,
  ];
  const published = listeners.filter((l) => !l.loopbackOnly);
  if (listeners.length === 0) {
    lines.push('  This configuration has no listener line: Mosquitto is in "local only mode" and only clients inside the container (docker exec, below) reach it.');
  } else if (published.length) {
    lines.push(`  Connect to ${published.map((l) => `${scheme(l)}://localhost:${l.port}`).join(', ')} (MQTT Explorer, MQTT.js, ...): published on 127.0.0.1 only, not on your network.`);
  }
  for (const l of listeners.filter((l) => l.loopbackOnly)) {
    lines.push(`  Port ${l.port} listens on the container's own 127.0.0.1 only (not published): docker exec clients reach it.`);
  }
  // The compose file's lines for the service that runs this configuration (`broker` in most labs).
  const services = topology.servicesOf(labName);
  const service = services.find((s) => s.config === config)?.name ?? 'broker';
  const examples = examplesFor(labName, (s) => (s === service ? name : undefined));
  const users = lab.usesPasswordFile(labName, config) ? lab.demoUsersOf(labName) : [];
  lines.push(`  mosquitto_sub and mosquitto_pub run inside the broker's image; paste these into another terminal:`);
  if (examples.length) {
    lines.push(...examples);
  } else {
    const login = users.length ? ` -u ${quote(users[0].user)} -P ${quote(users[0].password)}` : '';
    lines.push(`    docker exec -it ${name} mosquitto_sub -h localhost${login} -t '#' -v`);
    lines.push(`    docker exec -it ${name} mosquitto_pub -h localhost${login} -t hello/world -m 'hello'`);
  }
  if (users.length) {
    lines.push(`  Demo users (brokers/${labName}/users.txt): ${users.map((u) => `${u.user} / ${u.password}`).join(', ')}`);
  }
  if (services.length > 1) {
    lines.push(`  brokers/${labName}/docker-compose.yml defines ${services.length} brokers; this command starts one. For all of them: npm run broker -- ${labName}`);
  }
  lines.push(`  The broker's log follows. Ctrl-C stops the broker and removes its container.`, '');
  console.log(lines.join('\n'));
}

/** The same for every broker of a topology. */
function printTopology(labName, brokers, network) {
  const width = Math.max(...brokers.map((b) => b.service.length));
  const lines = ['', `The ${brokers.length} brokers of ${labName} are running, on the Docker network ${network}, where each finds the others by service name (the bridges' \`address\` lines):`];
  for (const { service, name, config, ports } of brokers) {
    const listeners = lab.listenersOf(labName, config);
    const urls = ports.map(({ host, container }) => `${scheme(listeners.find((l) => l.port === container) ?? {})}://localhost:${host}`);
    lines.push(`  ${service.padEnd(width)}  ${urls.join(', ') || '(no port published)'}   brokers/${labName}/${config}, container ${name}`);
  }
  lines.push('  Connect to those from this machine (MQTT Explorer, MQTT.js, ...): published on 127.0.0.1 only, not on your network.');
  lines.push(`  mosquitto_sub and mosquitto_pub run inside the broker's image; paste these into another terminal:`);
  lines.push(...examplesFor(labName, (s) => brokers.find((b) => b.service === s)?.name));
  lines.push(`  The brokers' logs follow, each line after its broker's name. Ctrl-C stops them and removes their containers and the network.`, '');
  console.log(lines.join('\n'));
}

/**
 * "docker compose exec hub mosquitto_sub ..." -> "docker exec -it mqtt-labs-lab09-hub mosquitto_sub ...",
 * "docker compose stop hub" -> "docker stop mqtt-labs-lab09-hub" (also start, restart, kill).
 * Undefined when containerOf knows no container for the service.
 */
function toDocker(command, containerOf) {
  const match = /^docker compose (exec|stop|start|restart|kill)((?: -\S+ \S+)*) ([\w.-]+)(?: (.*))?$/.exec(command);
  const container = match && containerOf(match[3]);
  if (!container) return undefined;
  const [, verb, options, , rest] = match;
  return verb === 'exec' ? `docker exec -it${options} ${container} ${rest}` : `docker ${verb}${options} ${container}${rest ? ` ${rest}` : ''}`;
}

function stateOf(name) {
  try {
    const [running, code] = docker(['container', 'inspect', '--format', '{{.State.Running}} {{.State.ExitCode}}', name]).split(' ');
    return { running: running === 'true', code: Number(code) };
  } catch {
    return undefined;
  }
}

/**
 * Follows a container's log, each line after `prefix`, until the container is gone: a broker
 * stopped with `docker stop` (lab 9's outage) and started again is followed again.
 *   ready      resolves once Mosquitto logs "mosquitto version ... running"
 *   firstEnd   resolves when the log first ends (before `ready`: the broker did not start)
 *   gone       resolves when the container no longer exists, or isStopping() says we are done
 *   errors     the "Error..." lines the broker logged (why it refused to start)
 */
function followLog(name, prefix, isStopping) {
  const log = { errors: [], isReady: false, follower: undefined };
  let onReady, onFirstEnd, onGone;
  log.ready = new Promise((resolve) => (onReady = resolve));
  log.firstEnd = new Promise((resolve) => (onFirstEnd = resolve));
  log.gone = new Promise((resolve) => (onGone = resolve));
  let announcedStop = false;
  const attach = (since) => {
    // Its own process group: Ctrl-C in the terminal reaches only us, and we decide the order.
    const args = ['container', 'logs', '--follow', ...(since ? ['--since', since] : []), name];
    const follower = spawn('docker', args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    log.follower = follower;
    for (const stream of [follower.stdout, follower.stderr]) {
      let partial = '';
      stream.on('data', (chunk) => {
        const lines = (partial + chunk.toString()).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          // The container went while we looked again (Ctrl-C, --stop): not the broker's words.
          if (!line.trim() || /^Error response from daemon: No such container/.test(line)) continue;
          console.log(`  ${prefix}| ${line.trimEnd()}`);
          // Mosquitto's own words, without its timestamp: "Error: Unknown configuration variable ...".
          const words = line.trim().replace(/^\d+: /, '');
          if (/^Error/.test(words)) log.errors.push(words);
          announcedStop = false;
          if (READY_LINE.test(line)) {
            log.isReady = true;
            onReady();
          }
        }
      });
    }
    follower.on('close', () => {
      const closedAt = new Date().toISOString();
      onFirstEnd();
      // Before its "running" line it did not start: runBrokers says why and removes it.
      const state = isStopping() || !log.isReady ? undefined : stateOf(name);
      if (!state) return onGone();
      if (!state.running && !announcedStop) {
        announcedStop = true;
        console.log(`  ${prefix}| (stopped, exit code ${state.code}: \`docker start ${name}\` starts it again; Ctrl-C removes everything)`);
      }
      // Stopped, or restarting: look again in a second, for what it logs from now on.
      setTimeout(() => (!isStopping() && stateOf(name) ? attach(closedAt) : onGone()), 1000);
    });
  };
  attach();
  return log;
}

/** Waits for one broker's "running" line: 'ready', 'ended' (it exited) or 'timeout'. */
function startupOf(log) {
  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), STARTUP_TIMEOUT_MS).unref());
  return Promise.race([log.ready.then(() => 'ready'), log.firstEnd.then(() => 'ended'), timeout]);
}

function checkImage(image) {
  try {
    docker(['image', 'inspect', image]);
  } catch (error) {
    if (/Cannot connect|daemon|permission denied/i.test(dockerSaid(error))) throw new lab.UsageError(`Docker is not reachable: ${dockerSaid(error)}. Start Docker, or run \`npm run setup\`.`);
    throw new lab.UsageError(`The broker image "${image}" is not on this machine. Run \`npm run setup\` to build it.`);
  }
}

/**
 * Starts brokers one after the other and follows their logs until Ctrl-C (or --stop elsewhere).
 * brokers: what startContainer takes, plus `service` (the log prefix); network: ours to create,
 * or undefined. printReady prints how to connect once all of them run.
 */
async function runBrokers(labName, brokers, network, printReady) {
  const image = lab.brokerImage();
  checkImage(image);
  for (const { config, extraFiles } of brokers) checkFilesExist(labName, config, extraFiles);
  for (const { name } of brokers) makeRoomFor('container', name, labName);
  if (network) makeRoomFor('network', network, labName);

  let stopping = false;
  const logs = [];
  const removeAll = () => {
    stopping = true;
    for (const log of logs) log.follower?.kill();
    removeQuietly('container', brokers.map((b) => b.name));
    if (network) removeQuietly('network', [network]);
  };
  const what = network ? `the brokers and removed their containers and the network ${network}` : `the broker and removed its container ${brokers[0].name}`;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (stopping) return;
      removeAll();
      console.log(`\nStopped ${what}.`);
      process.exit(0);
    });
  }

  if (network) {
    docker(['network', 'create', '--label', `${PROJECT_LABEL}=mqtt-labs`, '--label', `${RUN_LABEL}=broker-${process.pid}`, '--label', `${PID_LABEL}=${process.pid}`, '--label', `${HOST_LABEL}=${hostname()}`, network]);
  }
  const width = Math.max(...brokers.map((b) => b.service.length));
  for (const broker of brokers) {
    const label = network ? `the ${broker.service} broker of ${labName}` : `the ${labName} broker`;
    console.log(`Starting ${label} with brokers/${labName}/${broker.config} from ${image} ...`);
    try {
      startContainer(labName, broker, image);
    } catch (error) {
      removeAll();
      throw error;
    }
    const log = followLog(broker.name, network ? `${broker.service.padEnd(width)} ` : '', () => stopping);
    logs.push(log);
    const outcome = await startupOf(log);
    if (outcome === 'ready') continue;
    // It exited by itself (a configuration Mosquitto refuses), or never said it runs.
    const code = stateOf(broker.name)?.code;
    removeAll();
    const Label = label[0].toUpperCase() + label.slice(1);
    if (outcome === 'timeout') console.error(`\n${Label} did not log "mosquitto version ... running" within ${STARTUP_TIMEOUT_MS / 1000} s; removed ${network ? 'everything' : 'its container'}.`);
    else console.error(`\n${Label} did not start (exit code ${code}). Mosquitto said: ${log.errors.join(' ') || '(no error line, see its log above)'}\nCheck brokers/${labName}/${broker.config}; removed ${network ? 'all the containers and the network' : 'its container'}.`);
    return 1;
  }
  printReady();
  await Promise.all(logs.map((log) => log.gone));
  if (stopping) return 0;
  // Every container was removed from outside: `npm run broker -- <lab> --stop`, docker rm -f.
  removeAll();
  console.log(`\nThe ${network ? 'brokers were' : 'broker was'} removed from outside (npm run broker -- ${labName} --stop?); nothing of ${network ? 'them' : 'it'} is left.`);
  return 0;
}

/** One broker: the lab's default configuration or the one named. */
function runOne(labName, config) {
  const name = containerNameOf(labName);
  const all = lab.listenersOf(labName, config);
  const listeners = all.filter((l) => !l.loopbackOnly);
  const ports = (all.length ? [...new Set(listeners.map((l) => l.port))] : [1883]).map((port) => ({ host: port, container: port }));
  // Files the compose file mounts besides the lab's folder (lab 11's page), for any of its services.
  const extraFiles = topology.servicesOf(labName).flatMap((s) => s.extraFiles).filter((f, i, all) => all.findIndex((g) => g.target === f.target) === i);
  const broker = { service: 'broker', name, config, ports, extraFiles };
  return runBrokers(labName, [broker], undefined, () => printHowToConnect(name, labName, config, all));
}

/** Every broker of the lab's docker-compose.yml, on a network of their own. */
function runTopology(labName, services) {
  const network = containerNameOf(labName);
  const brokers = topology.startOrder(services).map((s) => {
    if (!s.config) throw new lab.UsageError(`The ${s.name} service of brokers/${labName}/docker-compose.yml names no .conf in its command.`);
    return { service: s.name, name: containerNameOf(labName, s.name), config: s.config, ports: s.ports, network, alias: s.name, extraFiles: s.extraFiles };
  });
  return runBrokers(labName, brokers, network, () => printTopology(labName, brokers, network));
}

async function main(argv) {
  const args = argv.filter((a) => !a.startsWith('--'));
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  if (flags.has('--help') || args.length === 0) {
    console.log('Usage: npm run broker -- <lab> [config]   e.g. npm run broker -- lab06 passwords.conf');
    console.log('       npm run broker -- <lab>            a lab with several brokers (lab09): all of its docker-compose.yml');
    console.log('       npm run broker -- <lab> --stop     remove the lab\'s brokers started in another terminal');
    console.log(`Labs: ${lab.labsThatExist().join(', ')}`);
    return args.length === 0 && !flags.has('--help') ? 2 : 0;
  }
  const labName = lab.resolveLab(args[0]);
  if (flags.has('--stop')) {
    stopCommand(labName);
    return 0;
  }
  if (flags.has('--list')) {
    const services = topology.servicesOf(labName);
    const alone = services.length > 1 ? `without one, all ${services.length} brokers of docker-compose.yml: ${services.map((s) => s.name).join(', ')}` : `default ${lab.defaultConfigOf(labName)}`;
    console.log(`${labName}'s broker configurations: ${lab.configsOf(labName).join(', ')} (${alone})`);
    return 0;
  }
  const services = topology.servicesOf(labName);
  if (!args[1] && services.length > 1) return runTopology(labName, services);
  return runOne(labName, lab.resolveConfig(labName, args[1]));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof lab.UsageError ? error.message : `npm run broker failed: ${String(error.stderr || error.message).trim()}`);
    process.exit(2);
  },
);
