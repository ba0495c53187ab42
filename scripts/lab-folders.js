// What `npm run broker` and `npm run compose` need to know about a lab's folder brokers/labNN/:
// which lab a command-line argument means, its broker configurations, the default one, the
// ports a configuration listens on, its demo users, and the example commands its
// docker-compose.yml shows. Plain Node, no dependencies: it runs before anything else works.
'use strict';
const { existsSync, readdirSync, readFileSync, statSync } = require('node:fs');
const { join, resolve } = require('node:path');

const PROJECT_ROOT = resolve(__dirname, '..');
const BROKERS_DIR = join(PROJECT_ROOT, 'brokers');

class UsageError extends Error {}

function labsThatExist() {
  return readdirSync(BROKERS_DIR).filter((name) => /^lab\d\d$/.test(name)).sort();
}

/**
 * "lab06", "6", "06", "brokers/lab06", "features/lab06/access-control.feature" (what VS Code
 * passes for the open file): all mean lab06.
 */
function resolveLab(arg) {
  const labs = labsThatExist();
  const text = String(arg ?? '').trim();
  const named = /(?:^|[/\\])lab(\d\d)(?:[/\\.]|$)/.exec(text) ?? /^lab(\d\d)$/.exec(text);
  const number = named ? named[1] : /^\d{1,2}$/.test(text) ? text.padStart(2, '0') : undefined;
  const lab = number && `lab${number}`;
  if (!lab || !labs.includes(lab)) {
    throw new UsageError(`${text ? `There is no lab "${text}".` : 'Which lab?'} The labs with broker files: ${labs.join(', ')}.`);
  }
  return lab;
}

function labDir(lab) {
  return join(BROKERS_DIR, lab);
}

/** The lab's broker configurations: its *.conf files. */
function configsOf(lab) {
  return readdirSync(labDir(lab))
    .filter((name) => name.endsWith('.conf') && statSync(join(labDir(lab), name)).isFile())
    .sort();
}

function composeFileOf(lab) {
  const file = join(labDir(lab), 'docker-compose.yml');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** mosquitto.conf if the lab has one, else the configuration its docker-compose.yml starts. */
function defaultConfigOf(lab) {
  const configs = configsOf(lab);
  if (configs.includes('mosquitto.conf')) return 'mosquitto.conf';
  const fromCompose = /lab-broker-start\.sh"?\s*,\s*"?([\w.-]+\.conf)/.exec(composeFileOf(lab));
  if (fromCompose && configs.includes(fromCompose[1])) return fromCompose[1];
  if (configs.length === 1) return configs[0];
  throw new UsageError(`${lab} has several broker configurations; name one: ${configs.join(', ')}.`);
}

function resolveConfig(lab, configArg) {
  if (!configArg) return defaultConfigOf(lab);
  const configs = configsOf(lab);
  const name = configArg.replace(/^.*[/\\]/, '');
  const match = configs.find((c) => c === name || c === `${name}.conf`);
  if (!match) throw new UsageError(`${lab} has no broker configuration "${configArg}". Its configurations: ${configs.join(', ')}.`);
  return match;
}

/**
 * The listeners of a configuration: port, protocol ("mqtt" or "websockets"), TLS or not, and
 * whether it is bound to the loopback interface (reachable from inside the container only). Without any
 * listener line Mosquitto listens on 1883 inside the container only ("local only mode").
 */
function listenersOf(lab, config) {
  const listeners = [];
  for (const raw of readFileSync(join(labDir(lab), config), 'utf8').split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    const listener = /^listener\s+(\d+)(?:\s+(\S+))?/.exec(line);
    // `listener 1883 127.0.0.1` (lab 13): inside the container only, no use publishing it.
    const loopbackOnly = /^(127\.0\.0\.1|localhost|::1)$/.test(listener?.[2] ?? '');
    if (listener) listeners.push({ port: Number(listener[1]), protocol: 'mqtt', tls: false, loopbackOnly });
    const protocol = /^protocol\s+(\S+)/.exec(line);
    if (protocol && listeners.length) listeners[listeners.length - 1].protocol = protocol[1];
    if (/^(certfile|psk_hint)\s/.test(line) && listeners.length) listeners[listeners.length - 1].tls = true;
  }
  return listeners;
}

/** The certificate and key files a configuration names, relative to /mosquitto/config ("certs/ca.pem"). */
function tlsFilesOf(lab, config) {
  const files = [];
  for (const raw of readFileSync(join(labDir(lab), config), 'utf8').split('\n')) {
    const named = /^\s*(?:cafile|certfile|keyfile|crlfile)\s+\/mosquitto\/config\/(\S+)/.exec(raw);
    if (named) files.push(named[1]);
  }
  return [...new Set(files)];
}

/** True when the configuration checks passwords from the password file made from users.txt. */
function usesPasswordFile(lab, config) {
  return /^\s*password_file\s/m.test(readFileSync(join(labDir(lab), config), 'utf8'));
}

/** The lab's demo users from users.txt (plain `user:password` lines), in file order. */
function demoUsersOf(lab) {
  const file = join(labDir(lab), 'users.txt');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#') && line.includes(':'))
    .map((line) => ({ user: line.slice(0, line.indexOf(':')), password: line.slice(line.indexOf(':') + 1) }));
}

/**
 * The example commands in the comments of the lab's docker-compose.yml: lines like
 *   #   docker compose exec broker mosquitto_sub -h localhost -t '#' -v   # a note
 * (continued with a trailing backslash), and pages to open (`#   http://localhost:9001/... # a note`),
 * each as { command, note }.
 */
function composeExamplesOf(lab) {
  const examples = [];
  let current;
  for (const raw of composeFileOf(lab).split('\n')) {
    const comment = /^#\s+(.*)$/.exec(raw);
    const text = comment ? comment[1].trimEnd() : undefined;
    if (current) {
      current.command += ` ${(text ?? '').replace(/\\$/, '').trim()}`;
      if (!text?.endsWith('\\')) current = undefined;
      continue;
    }
    if (!text || !(text.startsWith('docker compose ') || /^https?:\/\/localhost/.test(text))) continue;
    const [command, note] = text.split(/\s{2,}#\s*/);
    const entry = { command: command.replace(/\s*\\$/, ''), note: note ?? '' };
    examples.push(entry);
    if (command.endsWith('\\')) current = entry;
  }
  return examples;
}

/** The broker image: MOSQUITTO_IMAGE, else the one `npm run setup` recorded. */
function brokerImage() {
  const fromEnv = process.env.MOSQUITTO_IMAGE?.trim();
  if (fromEnv) return fromEnv;
  const recorded = join(BROKERS_DIR, 'image', '.image');
  if (!existsSync(recorded)) throw new UsageError('No broker image is recorded (brokers/image/.image is missing). Run `npm run setup` first.');
  return readFileSync(recorded, 'utf8').trim();
}

module.exports = {
  PROJECT_ROOT,
  BROKERS_DIR,
  UsageError,
  labsThatExist,
  resolveLab,
  labDir,
  configsOf,
  defaultConfigOf,
  resolveConfig,
  listenersOf,
  tlsFilesOf,
  usesPasswordFile,
  demoUsersOf,
  composeFileOf,
  composeExamplesOf,
  brokerImage,
};
