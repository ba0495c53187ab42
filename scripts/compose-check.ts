// `npm run compose:check [-- lab06 lab13 ...]`: every lab's docker-compose.yml (or the ones
// named), started as a learner starts it and proven, then removed without a trace:
//   1. the file itself: every port published on 127.0.0.1 only, every image a catalogue image
//      passed as <NAME>_IMAGE (scripts/compose-check-plan.ts);
//   2. what the header tells a learner to run first (lab 13: `npm run certs`);
//   3. `up -d` under a project name of its own (mqtt-labs-check-<lab>-<pid>), so it never
//      touches a compose project of anyone else, with every <NAME>_IMAGE set as `npm run compose` sets them;
//   4. each Mosquitto answers an MQTT CONNECT on its published 127.0.0.1 port, with what its
//      listener asks (TLS with the lab's CA, WebSockets) and the login of the file's own lines,
//      and its bridges report state 1; another service's port gets an MQTT CONNECT when it
//      leads to container port 1883/8883 (a proxy in front of brokers), else it must answer on TCP
//      (the label org.mqtt-labs.compose-check overrides);
//   5. the file's own by-hand lines: the administration lines before its subscriber (lab 17's
//      mosquitto_ctrl), its first subscriber line (bounded: -C 1 -W 15) and its
//      first publishing line (or the pair marked [compose:check]), exactly as written; the
//      subscriber must print the payload;
//   6. `down -v --remove-orphans` (also on a failure and on Ctrl-C), then no container, network
//      or volume of the project may be left.
// Each step is bounded (a service whose container ends fails at once: `docker wait`), and a
// failure shows what Compose or the broker said (`logs` of the service).
import { ChildProcess, spawn, spawnSync, SpawnSyncReturns } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import mqtt, { IClientOptions } from 'mqtt';
import { CONFIG_DIR } from '../support/brokers/mosquitto';
import { SetupError } from '../support/images/setup-error';
import { PROJECT_ROOT } from '../support/world/paths';
import { ComposeCommand, composeCommand, ensureImagesOf, imageVariables } from './compose-command';
import { BridgeState, bridgesOf, CheckedService, composePlanOf, execArgumentsOf, isStateOf, linesRunHere, listenerBehind, loginOf, probeOf, PublishedPort, RecipeRun, recipeRunOf, setupScriptsOf } from './compose-check-plan';
import { brokerConfigOf, composeFileOf, demoUsersOf, labDir, labsThatExist, resolveLab, UsageError } from './lab-folders';
import { headerCommentOf } from './lab-topology';
import { Recipe, recipesOf } from './recipes';
import { quoteCommand } from './shell-quoting';

/** A line as the compose file writes it (sh quoting). */
const lineOf = (recipe: Recipe) => quoteCommand('sh', recipe.words);

const CONNECT_BOUND_MS = 20_000;
const BRIDGE_BOUND_MS = 15_000;
/** The subscriber line's own bound (-W): the lab 5 will line is killed after 5 s, then the will comes. */
const SUBSCRIBER_BOUND_S = 15;
const COMMAND_BOUND_MS = 60_000;

/** A lab's check went wrong: the message says where, in the file's words. */
class CheckFailure extends Error {}

interface Project {
  lab: string;
  name: string;
  compose: ComposeCommand;
}

/** The project being checked: Ctrl-C takes it down before the process ends. */
let current: Project | undefined;

function composeRun(project: Project, args: string[], timeout = COMMAND_BOUND_MS): SpawnSyncReturns<string> {
  const { compose } = project;
  return spawnSync(compose.program, [...compose.prefix, '-p', project.name, ...args], {
    cwd: labDir(project.lab),
    env: { ...process.env, ...imageVariables() },
    encoding: 'utf8',
    timeout,
  });
}

const outputOf = (result: SpawnSyncReturns<string>) => `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
const indent = (text: string) => text.split('\n').map((line) => `      ${line}`).join('\n');

function logsOf(project: Project, service: string): string {
  return outputOf(composeRun(project, ['logs', '--no-color', '--tail', '30', service])) || '(no log lines)';
}

function down(project: Project): string | undefined {
  const result = composeRun(project, ['down', '-v', '--remove-orphans', '-t', '5']);
  return result.status === 0 ? undefined : `down failed (exit ${result.status}):\n${indent(outputOf(result))}`;
}

/** Containers, networks and volumes Compose labelled as the project's, after `down`. */
function leftoversOf(project: Project): string[] {
  const label = `label=com.docker.compose.project=${project.name}`;
  const list = (args: string[]) => (spawnSync('docker', [...args, '--filter', label, '--format', '{{.Name}}'], { encoding: 'utf8' }).stdout ?? '').split('\n').filter(Boolean);
  return [...list(['ps', '-a']).map((n) => `container ${n}`), ...list(['network', 'ls']).map((n) => `network ${n}`), ...list(['volume', 'ls']).map((n) => `volume ${n}`)];
}

/** `npm run <script>` in the project folder, as the header tells a learner to run it first. */
function runSetupScript(script: string): void {
  const npm = process.env.npm_execpath;
  const [file, args] = npm ? [process.execPath, [npm]] : ['npm', []];
  const result = spawnSync(file, [...args, 'run', script], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: COMMAND_BOUND_MS, shell: !npm && process.platform === 'win32' });
  if (result.status !== 0) throw new CheckFailure(`npm run ${script} (the header's set-up) failed:\n${indent(outputOf(result))}`);
}

/**
 * The client options a CONNECT to a broker of the lab needs on this listener: TLS with the lab's
 * CA, and the login of the file's own lines for that port (else the lab's first demo user, where
 * the configuration asks for one).
 */
function brokerClientOf(lab: string, service: CheckedService, port: PublishedPort, lines: Recipe[]): { url: string; options: IClientOptions; bridges: BridgeState[] } {
  const configText = readFileSync(join(labDir(lab), service.config!), 'utf8');
  const config = brokerConfigOf(lab, service.config!);
  const listener = listenerBehind(port, service.config!, config.listeners);
  if (typeof listener === 'string') throw new CheckFailure(`brokers/${lab}/docker-compose.yml: ${service.name}: ${listener}`);
  if (listener.requireCertificate) throw new CheckFailure(`brokers/${lab}/docker-compose.yml: ${service.name}: ${service.config} asks every client for a certificate on ${listener.port}; compose:check connects with the lab's CA only (start the file's default configuration without require_certificate)`);
  const scheme = listener.protocol === 'websockets' ? (listener.tls ? 'wss' : 'ws') : listener.tls ? 'mqtts' : 'mqtt';
  const options: IClientOptions = {};
  if (listener.tls) {
    // The container's path of the CA (/mosquitto/config/certs/ca.pem) is the lab folder's certs/ca.pem.
    const cafile = (config.cafile ?? `${CONFIG_DIR}/certs/ca.pem`).slice(CONFIG_DIR.length + 1);
    Object.assign(options, { ca: readFileSync(join(labDir(lab), cafile)), servername: 'localhost', rejectUnauthorized: true });
  }
  const demoUser = demoUsersOf(lab).map((u) => ({ username: u.user, password: u.password }))[0];
  const login = loginOf(lines, service.name, port.container) ?? (config.passwordFile || !config.anonymousAllowed ? demoUser : undefined);
  return { url: `${scheme}://127.0.0.1:${port.host}`, options: { ...options, ...login }, bridges: bridgesOf(configText) };
}

/**
 * Connects until a CONNACK comes (the broker may still be starting: MQTT.js reconnects every
 * 250 ms), within the bound; then, when the broker has bridges, waits until each reports state 1.
 */
function answersConnect(url: string, options: IClientOptions, bridges: BridgeState[] = []): Promise<string> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, { ...options, clientId: `compose-check-${process.pid}`, reconnectPeriod: 250, connectTimeout: 3_000 });
    let lastError = 'nothing answered';
    const up = new Set<BridgeState>();
    let phase = 'CONNACK';
    const fail = (bound: number) => () => {
      client.end(true);
      const down = bridges.filter((b) => !up.has(b)).map((b) => b.topic ?? b.connection);
      reject(new Error(`no ${phase} within ${bound} ms (${phase === 'CONNACK' ? `last error: ${lastError}` : `not up: ${down.join(', ')}`})`));
    };
    let timer = setTimeout(fail(CONNECT_BOUND_MS), CONNECT_BOUND_MS);
    const done = (what: string) => {
      clearTimeout(timer);
      client.end(true, {}, () => resolve(what));
    };
    client.on('error', (error) => (lastError = error.message));
    client.on('message', (topic, payload) => {
      for (const bridge of bridges.filter((b) => isStateOf(b, topic))) {
        if (payload.toString() === '1') up.add(bridge);
        else up.delete(bridge);
      }
      if (up.size === bridges.length) done(`CONNACK; bridge ${bridges.map((b) => b.connection).join(', ')} state 1`);
    });
    client.once('connect', () => {
      if (!bridges.length) return done('CONNACK');
      clearTimeout(timer);
      phase = `state 1 of its bridge(s) ${bridges.map((b) => b.connection).join(', ')} on $SYS/broker/connection/+/state`;
      timer = setTimeout(fail(BRIDGE_BOUND_MS), BRIDGE_BOUND_MS);
      client.subscribe('$SYS/broker/connection/+/state');
    });
  });
}

/**
 * A service that answers on TCP, within the bound (retried while it starts). On 127.0.0.1 Docker's
 * proxy accepts every connection to a published port, even with nothing listening behind it (it
 * closes at once), so an accepted connection proves nothing: the check sends an HTTP HEAD request
 * and waits for the first byte back (a web page's status line, or whatever another protocol says
 * before it closes).
 */
async function answersTcp(port: number): Promise<string> {
  const deadline = Date.now() + CONNECT_BOUND_MS;
  let lastError = '';
  while (Date.now() < deadline) {
    const answer = await new Promise<string | Error>((resolve) => {
      const socket = tcpConnect(port, '127.0.0.1', () => socket.write('HEAD / HTTP/1.0\r\n\r\n'));
      socket.setTimeout(Math.max(deadline - Date.now(), 1), () => socket.destroy(new Error('connected, but no answer')));
      socket.once('data', (data: Buffer) => {
        socket.destroy();
        resolve(data.toString('latin1').split('\r\n')[0].slice(0, 60));
      });
      socket.once('error', resolve);
      socket.once('close', () => resolve(new Error('closed without a byte (nothing listens behind the published port)')));
    });
    if (typeof answer === 'string') return `answers on TCP: ${JSON.stringify(answer)}`;
    lastError = answer.message;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no answer on TCP within ${CONNECT_BOUND_MS} ms (last: ${lastError})`);
}

/** One published port and how it is proven; worked out before `up`, so a port that leads nowhere stops the check at once. */
interface PortProbe {
  service: string;
  port: PublishedPort;
  what: string;
  prove: () => Promise<string>;
}

function probesOf(lab: string, service: CheckedService, lines: Recipe[]): PortProbe[] {
  return service.ports.map((port) => {
    const probe = probeOf(service, port);
    if (probe === 'broker') {
      const { url, options, bridges } = brokerClientOf(lab, service, port, lines);
      return { service: service.name, port, what: url, prove: () => answersConnect(url, options, bridges) };
    }
    if (probe === 'tcp') return { service: service.name, port, what: `tcp://127.0.0.1:${port.host}`, prove: () => answersTcp(port.host) };
    // A port in front of brokers: an MQTT CONNECT through it, logged in as the file's lines log in.
    const url = `${probe}://127.0.0.1:${port.host}`;
    const tls = probe === 'mqtts' ? { ca: readFileSync(join(labDir(lab), 'certs', 'ca.pem')), servername: 'localhost' } : {};
    return { service: service.name, port, what: url, prove: () => answersConnect(url, { ...tls, ...loginOf(lines, undefined, undefined) }) };
  });
}

/** The container of a service of the project (compose labels it with both names). */
function containerOf(project: Project, service: string): string | undefined {
  const filters = [`label=com.docker.compose.project=${project.name}`, `label=com.docker.compose.service=${service}`].flatMap((f) => ['--filter', f]);
  return spawnSync('docker', ['ps', '-aq', ...filters], { encoding: 'utf8' }).stdout?.trim().split('\n')[0] || undefined;
}

/**
 * Rejects as soon as the service's container ends (`docker wait`): a broker that stops on a bad
 * configuration fails the check at once, with its log, instead of at the end of the CONNECT bound.
 */
function endOf(project: Project, service: string): { ended: Promise<never>; stop: () => void } {
  const container = containerOf(project, service);
  if (!container) return { ended: new Promise<never>(() => undefined), stop: () => undefined };
  const wait = spawn('docker', ['wait', container], { stdio: ['ignore', 'pipe', 'ignore'] });
  let code = '';
  wait.stdout.on('data', (chunk: Buffer) => (code += chunk.toString()));
  const ended = new Promise<never>((_, reject) => wait.once('exit', (status) => status === 0 && reject(new Error(`its container ended (exit code ${code.trim()}) before it answered`))));
  return { ended, stop: () => wait.kill() };
}

async function prove(project: Project, probe: PortProbe): Promise<string> {
  const { ended, stop } = endOf(project, probe.service);
  try {
    return `${probe.service} ${probe.what}: ${await Promise.race([probe.prove(), ended])}`;
  } catch (error) {
    throw new CheckFailure(`${probe.service} on 127.0.0.1:${probe.port.host}: ${(error as Error).message}\n    ${project.compose.name} logs ${probe.service}:\n${indent(logsOf(project, probe.service))}`);
  } finally {
    stop();
  }
}

/** Resolves with everything the child printed once `wanted` shows up in it; rejects if it ends first. */
function waitForOutput(child: ChildProcess, wanted: RegExp, boundMs: number): Promise<void> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${wanted.source}" within ${boundMs} ms:\n${indent(output)}`)), boundMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (wanted.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`it ended (exit ${code}) before "${wanted.source}":\n${indent(output)}`));
    });
  });
}

/** The subscriber line (with -d to see its SUBACK, -C 1 -W bound), then the publishing line, both as the file writes them. */
async function runRecipe(project: Project, run: RecipeRun): Promise<string> {
  for (const line of run.preparation) {
    const result = composeRun(project, execArgumentsOf(line));
    if (result.status !== 0) throw new CheckFailure(`the administration line failed (exit ${result.status}): ${lineOf(line)}\n${indent(outputOf(result))}`);
  }
  const subscriberLine = lineOf(run.subscriber);
  const { compose } = project;
  const subscriber = spawn(compose.program, [...compose.prefix, '-p', project.name, ...execArgumentsOf(run.subscriber, ['-C', '1', '-W', String(SUBSCRIBER_BOUND_S), '-d'], true)], {
    cwd: labDir(project.lab),
    env: { ...process.env, ...imageVariables() },
  });
  let output = '';
  subscriber.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  subscriber.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const ended = new Promise<number | null>((resolve) => subscriber.once('exit', resolve));
  try {
    await waitForOutput(subscriber, /received SUBACK/, COMMAND_BOUND_MS).catch((error: Error) => {
      throw new CheckFailure(`the subscriber line did not subscribe: ${subscriberLine}\n    ${error.message}`);
    });
    if (run.publisher) {
      const result = composeRun(project, execArgumentsOf(run.publisher));
      const killedOnPurpose = run.publisher.words.includes('timeout');
      if (!killedOnPurpose && result.status !== 0) throw new CheckFailure(`the publisher line failed (exit ${result.status}): ${lineOf(run.publisher)}\n${indent(outputOf(result))}`);
    }
    const code = await ended;
    const received = /received PUBLISH/.test(output) && (run.payload === undefined || output.split('\n').some((line) => !line.startsWith('Client ') && line.endsWith(run.payload!)));
    const what = run.publisher ? `the message of: ${lineOf(run.publisher)}` : 'a message';
    if (code !== 0 || !received) throw new CheckFailure(`the subscriber line did not receive ${what} within ${SUBSCRIBER_BOUND_S} s (exit ${code}): ${subscriberLine}\n${indent(output.trim())}`);
    return `${subscriberLine}  received ${run.payload === undefined ? 'a message' : `"${run.payload}"`}${run.publisher ? ` from: ${lineOf(run.publisher)}` : ''}`;
  } finally {
    if (subscriber.exitCode === null) subscriber.kill();
  }
}

/** Checks one lab; `report` gets a line per thing proven, so a failure shows how far it came. */
async function checkLab(lab: string, compose: ComposeCommand, report: string[]): Promise<void> {
  const plan = composePlanOf(composeFileOf(lab), Object.keys(imageVariables()));
  if (plan.problems.length) throw new CheckFailure(`brokers/${lab}/docker-compose.yml:\n${plan.problems.map((p) => `    ${p}`).join('\n')}`);
  const run = recipeRunOf(recipesOf(lab), plan.services);
  if (!run) throw new CheckFailure(`brokers/${lab}/docker-compose.yml's header has no subscriber line (docker compose exec <service> mosquitto_sub ...) for the configurations its services run`);
  ensureImagesOf(lab);
  for (const script of setupScriptsOf(headerCommentOf(lab))) {
    runSetupScript(script);
    report.push(`set-up: npm run ${script}`);
  }
  const lines = linesRunHere(recipesOf(lab), plan.services);
  const probes = plan.services.flatMap((service) => probesOf(lab, service, lines));
  const project: Project = { lab, compose, name: `mqtt-labs-check-${lab}-${process.pid}` };
  current = project;
  let failure: unknown;
  try {
    const up = composeRun(project, ['up', '-d']);
    if (up.status !== 0) {
      const taken = /port is already allocated|address already in use/i.test(outputOf(up)) ? '\n    A port of the file is taken on 127.0.0.1 (npm run broker, a compose up or a local Mosquitto): stop it and run the check again.' : '';
      throw new CheckFailure(`${compose.name} up -d failed (exit ${up.status}):\n${indent(outputOf(up))}${taken}`);
    }
    for (const probe of probes) report.push(await prove(project, probe));
    if (run.preparation.length) report.push(`administration: the ${run.preparation.length} mosquitto_ctrl lines before the subscriber`);
    report.push(await runRecipe(project, run));
  } catch (error) {
    failure = error;
  } finally {
    const downFailed = down(project);
    current = undefined;
    const left = leftoversOf(project);
    if (!failure && downFailed) failure = new CheckFailure(downFailed);
    if (!failure && left.length) failure = new CheckFailure(`down left ${left.join(', ')}`);
  }
  if (failure) throw failure;
  report.push('down: no container, network or volume of the project left');
}

async function main(argv: string[]): Promise<number> {
  const labs = argv.length ? argv.map(resolveLab) : labsThatExist().filter((lab) => composeFileOf(lab));
  const compose = composeCommand();
  if (!compose) throw new UsageError('Neither `docker compose` nor `docker-compose` is installed (npm run setup installs Debian\'s docker-compose on Debian/Ubuntu as root; Docker Desktop has `docker compose`).');
  console.log(`compose:check with ${compose.name}: ${labs.join(', ')}`);
  const started = Date.now();
  const failed: string[] = [];
  for (const lab of labs) {
    const labStarted = Date.now();
    const report: string[] = [];
    const took = () => `${((Date.now() - labStarted) / 1000).toFixed(1)} s`;
    try {
      await checkLab(lab, compose, report);
      console.log(`ok   ${lab} (${took()})\n${report.map((line) => `       ${line}`).join('\n')}`);
    } catch (error) {
      failed.push(lab);
      const message = error instanceof CheckFailure || error instanceof UsageError || error instanceof SetupError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.log(`FAIL ${lab} (${took()})${report.map((line) => `\n       ${line}`).join('')}\n     ${message}`);
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`compose:check: ${labs.length - failed.length} of ${labs.length} compose files proven in ${seconds} s${failed.length ? `; failed: ${failed.join(', ')}` : ''}`);
  return failed.length ? 1 : 0;
}

// Ctrl-C or a kill: take down what this started, then end.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (current) {
      console.error(`\n${signal}: taking down ${current.name}`);
      down(current);
    }
    process.exit(130);
  });
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof UsageError ? error.message : String(error));
    process.exitCode = 2;
  },
);
