// What `npm run broker` and `npm run compose` need to know about a lab's folder brokers/labNN/:
// which lab a command-line argument means, its broker configurations, the default one, what a
// configuration listens on, its demo users, its docker-compose.yml.
// Also used by the editor tasks (scripts/test-lab-of, scripts/check-vscode) to find a lab.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BrokerConfig, Listener, readBrokerConfig } from './mosquitto-config';

import { BROKERS_DIR } from '../support/brokers/lab-files';
import { PROJECT_ROOT } from '../support/world/paths';

export { BROKERS_DIR, PROJECT_ROOT };

/** A mistake on the command line or a missing file: printed without a stack trace. */
export class UsageError extends Error {}

export function labsThatExist(): string[] {
  return readdirSync(BROKERS_DIR).filter((name) => /^lab\d\d$/.test(name)).sort();
}

/**
 * "lab06", "6", "06", "brokers/lab06", "features/lab06/access-control.feature" (what VS Code
 * passes for the open file): all mean lab06.
 */
export function resolveLab(arg: string | undefined): string {
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

export function labDir(lab: string): string {
  return join(BROKERS_DIR, lab);
}

/** Lab 15's NGINX configurations (nginx*.conf) sit beside the brokers' but are not for a broker. */
const NOT_A_BROKER_CONFIG = /^nginx.*\.conf$/;

/** The lab's broker configurations: its *.conf files. */
export function configsOf(lab: string): string[] {
  return readdirSync(labDir(lab))
    .filter((name) => name.endsWith('.conf') && !NOT_A_BROKER_CONFIG.test(name) && statSync(join(labDir(lab), name)).isFile())
    .sort();
}

/** The text of the lab's docker-compose.yml, '' when it has none. */
export function composeFileOf(lab: string): string {
  const file = join(labDir(lab), 'docker-compose.yml');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/** mosquitto.conf if the lab has one, else the configuration its docker-compose.yml starts. */
export function defaultConfigOf(lab: string): string {
  const configs = configsOf(lab);
  if (configs.includes('mosquitto.conf')) return 'mosquitto.conf';
  const fromCompose = /lab-broker-start\.sh"?\s*,\s*"?([\w.-]+\.conf)/.exec(composeFileOf(lab));
  if (fromCompose && configs.includes(fromCompose[1])) return fromCompose[1];
  if (configs.length === 1) return configs[0];
  throw new UsageError(`${lab} has several broker configurations; name one: ${configs.join(', ')}.`);
}

/** "passwords", "passwords.conf" or "brokers/lab06/passwords.conf": the configuration's file name. */
export function resolveConfig(lab: string, configArg: string | undefined): string {
  if (!configArg) return defaultConfigOf(lab);
  const configs = configsOf(lab);
  const name = configArg.replace(/^.*[/\\]/, '');
  const match = configs.find((c) => c === name || c === `${name}.conf`);
  if (!match) throw new UsageError(`${lab} has no broker configuration "${configArg}". Its configurations: ${configs.join(', ')}.`);
  return match;
}

/** A configuration of the lab, read (scripts/mosquitto-config.ts). */
export function brokerConfigOf(lab: string, config: string): BrokerConfig {
  return readBrokerConfig(readFileSync(join(labDir(lab), config), 'utf8'));
}

/** The listeners of a configuration (port, protocol, TLS, loopback only). */
export function listenersOf(lab: string, config: string): Listener[] {
  return brokerConfigOf(lab, config).listeners;
}

/** The certificate and key files a configuration names, relative to /mosquitto/config ("certs/ca.pem"). */
export function tlsFilesOf(lab: string, config: string): string[] {
  return brokerConfigOf(lab, config).tlsFiles;
}

/** True when the configuration checks passwords from the password file made from users.txt. */
export function usesPasswordFile(lab: string, config: string): boolean {
  return brokerConfigOf(lab, config).passwordFile;
}

export interface DemoUser {
  user: string;
  password: string;
}

/** The lab's demo users from users.txt (plain `user:password` lines), in file order. */
export function demoUsersOf(lab: string): DemoUser[] {
  // users.txt first (its first user is the one generic lines log in as), then any other list
  // a password file is made from (lab 9's bridge-users.txt).
  const lists = readdirSync(labDir(lab)).filter((name) => /(^|-)users\.txt$/.test(name)).sort((a, b) => (a === 'users.txt' ? -1 : b === 'users.txt' ? 1 : a.localeCompare(b)));
  return lists.flatMap((name) => usersIn(join(labDir(lab), name)));
}

function usersIn(file: string): DemoUser[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#') && line.includes(':'))
    .map((line) => ({ user: line.slice(0, line.indexOf(':')), password: line.slice(line.indexOf(':') + 1) }));
}
