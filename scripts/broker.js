// `npm run broker -- lab06 [config]`: a lab's broker to play with by hand.
//
// Starts the broker from the project's image with the lab's files laid out as the scenarios lay
// them out (scripts/lab-broker-start.sh), publishes its ports on 127.0.0.1 only, prints where to
// connect and mosquitto_sub/mosquitto_pub lines that run inside the image (no local Mosquitto
// needed), follows the broker's log, and removes the container on Ctrl-C.
//
//   npm run broker -- lab06                      the lab's default configuration
//   npm run broker -- lab06 passwords.conf       another one (unknown names list the lab's configs)
//   npm run broker -- lab06 --stop               remove the lab's broker started in another terminal
//   BREAK_IT=lab06/<name> npm run broker -- lab06   with a break-it exercise's files laid over
//
// Plain Node and the docker CLI. The files go into the container with `docker cp`, not a bind
// mount, so it works wherever `npm test` works (also with a remote Docker engine).
'use strict';
const { execFileSync, spawn } = require('node:child_process');
const { existsSync } = require('node:fs');
const { hostname } = require('node:os');
const { join } = require('node:path');
const { HOST_LABEL, PID_LABEL, PROJECT_LABEL, RUN_LABEL } = require('../support/docker/labels');
const lab = require('./lab-folders');
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

function containerNameOf(labName) {
  return `mqtt-labs-${labName}`;
}

/** Labels and pid of a container with that name, or undefined when there is none. */
function existingContainer(name) {
  try {
    const labels = JSON.parse(docker(['container', 'inspect', '--format', '{{json .Config.Labels}}', name]) || '{}') ?? {};
    return { ours: labels[PROJECT_LABEL] === 'mqtt-labs', pid: Number(labels[PID_LABEL]), host: labels[HOST_LABEL] };
  } catch {
    return undefined;
  }
}

/** A container of the same name must be ours, and its `npm run broker` gone, before we replace it. */
function makeRoomFor(name) {
  const existing = existingContainer(name);
  if (!existing) return;
  if (!existing.ours) throw new lab.UsageError(`A container called ${name} exists and is not one of mqtt-labs': remove or rename it first.`);
  if (existing.host === hostname() && isAlive(existing.pid) && existing.pid !== process.pid) {
    throw new lab.UsageError(`${name} is already running (npm run broker, process ${existing.pid}): use that one, or stop it with Ctrl-C there or \`npm run broker -- ${name.replace('mqtt-labs-', '')} --stop\`.`);
  }
  docker(['container', 'rm', '-f', '-v', name]);
}

function stopCommand(labName) {
  const name = containerNameOf(labName);
  const existing = existingContainer(name);
  if (!existing) return console.log(`No broker of ${labName} is running (no container ${name}).`);
  if (!existing.ours) throw new lab.UsageError(`The container ${name} is not one of mqtt-labs': not touching it.`);
  docker(['container', 'rm', '-f', '-v', name]);
  console.log(`Stopped and removed ${name}.`);
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

/** Creates the container, copies the lab's files in, starts it. Returns the published listeners. */
function startContainer(name, labName, config, image) {
  const listeners = lab.listenersOf(labName, config);
  const ports = listeners.length ? [...new Set(listeners.map((l) => l.port))] : [1883];
  docker([
    'container', 'create', '--name', name,
    '--label', `${PROJECT_LABEL}=mqtt-labs`,
    '--label', `${RUN_LABEL}=broker-${process.pid}`,
    '--label', `${PID_LABEL}=${process.pid}`,
    '--label', `${HOST_LABEL}=${hostname()}`,
    // 127.0.0.1 only: a broker that lets anonymous clients in must not sit on the learner's
    // network (a café's wifi, an office LAN). `-p 1883:1883` would listen on every interface.
    ...ports.flatMap((port) => ['--publish', `127.0.0.1:${port}:${port}`]),
    image, 'sh', '/lab-broker-start.sh', config,
  ]);
  docker(['container', 'cp', `${lab.labDir(labName)}/.`, `${name}:/lab`]);
  docker(['container', 'cp', START_SCRIPT, `${name}:/lab-broker-start.sh`]);
  const breakIt = breakItFolder(labName);
  if (breakIt) docker(['container', 'cp', `${breakIt}/.`, `${name}:/break-it`]);
  try {
    docker(['container', 'start', name]);
  } catch (error) {
    const said = dockerSaid(error);
    if (/address already in use|port is already allocated/.test(said)) {
      throw new lab.UsageError(
        `A port the broker needs (${ports.join(', ')}) is taken on 127.0.0.1: another broker runs there (a local Mosquitto, or \`npm run broker\` of another lab in another terminal). Stop it and try again.\n  Docker said: ${said}`,
      );
    }
    throw error;
  }
  return listeners;
}

function quote(text) {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** What a learner needs to play: where to connect, and commands to paste. */
function printHowToConnect(name, labName, config, listeners) {
  const scheme = (l) => (l.protocol === 'websockets' ? (l.tls ? 'wss' : 'ws') : l.tls ? 'mqtts' : 'mqtt');
  const breakIt = process.env.BREAK_IT?.trim();
  const lines = [
    '',
    `The ${labName} broker is running: brokers/${labName}/${config}${breakIt ? ` with the files of brokers/${labName}/break-it/${breakIt.split('/')[1]}/ laid over` : ''} (container ${name}).`,
  ];
  if (listeners.length === 0) {
    lines.push('  This configuration has no listener line: Mosquitto is in "local only mode" and only clients inside the container (docker exec, below) reach it.');
  } else {
    lines.push(`  Connect to ${listeners.map((l) => `${scheme(l)}://localhost:${l.port}`).join(', ')} (MQTT Explorer, MQTT.js, ...): published on 127.0.0.1 only, not on your network.`);
  }
  const examples = lab.composeExamplesOf(labName);
  const users = lab.usesPasswordFile(labName, config) ? lab.demoUsersOf(labName) : [];
  lines.push(`  mosquitto_sub and mosquitto_pub run inside the broker's image; paste these into another terminal:`);
  if (examples.length) {
    for (const { command, note } of examples) {
      lines.push(`    ${toDockerExec(command, name)}${note ? `   # ${note}` : ''}`);
    }
  } else {
    const login = users.length ? ` -u ${quote(users[0].user)} -P ${quote(users[0].password)}` : '';
    lines.push(`    docker exec -it ${name} mosquitto_sub -h localhost${login} -t '#' -v`);
    lines.push(`    docker exec -it ${name} mosquitto_pub -h localhost${login} -t hello/world -m 'hello'`);
  }
  if (users.length) {
    lines.push(`  Demo users (brokers/${labName}/users.txt): ${users.map((u) => `${u.user} / ${u.password}`).join(', ')}`);
  }
  if (lab.composeServiceCount(labName) > 1) {
    lines.push(`  brokers/${labName}/docker-compose.yml defines ${lab.composeServiceCount(labName)} brokers; this command starts one. For all of them: npm run compose -- ${labName} up`);
  }
  lines.push(`  The broker's log follows. Ctrl-C stops the broker and removes its container.`, '');
  console.log(lines.join('\n'));
}

/** "docker compose exec broker mosquitto_sub ..." -> "docker exec -it mqtt-labs-lab06 mosquitto_sub ...". */
function toDockerExec(command, name) {
  return command
    .replace(/^docker compose exec((?: -\S+ \S+)*) broker /, (_, options) => `docker exec -it${options} ${name} `)
    .replace(/^docker compose kill((?: -\S+ \S+)*) broker$/, (_, options) => `docker kill${options} ${name}`);
}

/**
 * Follows the container's log until the container is gone. Resolves 'ready' once Mosquitto logs
 * its "running" line; the returned `ended` promise settles when the log stream ends.
 */
function followLog(name) {
  // Its own process group: Ctrl-C in the terminal reaches only us, and we decide the order.
  const follower = spawn('docker', ['container', 'logs', '--follow', name], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let onReady;
  const ready = new Promise((resolve) => (onReady = resolve));
  for (const stream of [follower.stdout, follower.stderr]) {
    let partial = '';
    stream.on('data', (chunk) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        console.log(`  | ${line.trimEnd()}`);
        if (READY_LINE.test(line)) onReady();
      }
    });
  }
  const ended = new Promise((resolve) => follower.on('close', resolve));
  return { follower, ready, ended };
}

function exitCodeOf(name) {
  try {
    return Number(docker(['container', 'inspect', '--format', '{{.State.ExitCode}}', name]));
  } catch {
    return undefined;
  }
}

async function run(labName, config) {
  const image = lab.brokerImage();
  try {
    docker(['image', 'inspect', image]);
  } catch (error) {
    if (/Cannot connect|daemon|permission denied/i.test(dockerSaid(error))) throw new lab.UsageError(`Docker is not reachable: ${dockerSaid(error)}. Start Docker, or run \`npm run setup\`.`);
    throw new lab.UsageError(`The broker image "${image}" is not on this machine. Run \`npm run setup\` to build it.`);
  }
  const name = containerNameOf(labName);
  makeRoomFor(name);

  let stopping = false;
  let follower;
  const removeContainer = () => {
    try {
      docker(['container', 'rm', '-f', '-v', name]);
    } catch {
      // Already gone (stopped with --stop from another terminal): nothing to do.
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      follower?.kill();
      removeContainer();
      console.log(`\nStopped the broker and removed its container ${name}.`);
      process.exit(0);
    });
  }

  let listeners;
  try {
    listeners = startContainer(name, labName, config, image);
  } catch (error) {
    removeContainer();
    throw error;
  }
  console.log(`Starting the ${labName} broker with brokers/${labName}/${config} from ${image} ...`);
  const log = followLog(name);
  follower = log.follower;
  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), STARTUP_TIMEOUT_MS).unref());
  const outcome = await Promise.race([log.ready.then(() => 'ready'), log.ended.then(() => 'ended'), timeout]);
  if (outcome === 'ready') {
    printHowToConnect(name, labName, config, listeners);
    await log.ended;
  }
  if (stopping) return 0;
  // The broker exited by itself (a broken configuration, a `docker kill`, --stop elsewhere).
  const code = exitCodeOf(name);
  removeContainer();
  if (outcome === 'timeout') console.error(`The broker did not log "mosquitto version ... running" within ${STARTUP_TIMEOUT_MS / 1000} s; removed its container.`);
  else if (outcome === 'ended' && code !== undefined) console.error(`\nThe broker did not start (exit code ${code}): its log above says why. Check brokers/${labName}/${config}.`);
  else if (code === undefined || code === 137 || code === 143) {
    // Removed or killed from outside: `npm run broker -- <lab> --stop`, docker rm -f, docker stop.
    console.log(`\nThe broker was stopped from outside; its container ${name} is gone.`);
    return 0;
  } else console.error(`\nThe broker exited by itself (exit code ${code}); its log above says why. Removed its container ${name}.`);
  return 1;
}

async function main(argv) {
  const args = argv.filter((a) => !a.startsWith('--'));
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  if (flags.has('--help') || args.length === 0) {
    console.log('Usage: npm run broker -- <lab> [config]   e.g. npm run broker -- lab06 passwords.conf');
    console.log('       npm run broker -- <lab> --stop     remove the lab\'s broker started in another terminal');
    console.log(`Labs: ${lab.labsThatExist().join(', ')}`);
    return args.length === 0 && !flags.has('--help') ? 2 : 0;
  }
  const labName = lab.resolveLab(args[0]);
  if (flags.has('--stop')) {
    stopCommand(labName);
    return 0;
  }
  if (flags.has('--list')) {
    console.log(`${labName}'s broker configurations: ${lab.configsOf(labName).join(', ')} (default ${lab.defaultConfigOf(labName)})`);
    return 0;
  }
  return run(labName, lab.resolveConfig(labName, args[1]));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof lab.UsageError ? error.message : `npm run broker failed: ${String(error.stderr || error.message).trim()}`);
    process.exit(2);
  },
);
