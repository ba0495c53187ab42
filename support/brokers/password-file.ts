/**
 * Password files the way an administrator makes them: a plain-text list of `user:password`
 * lines (a lab's users.txt, clearly marked as demo data) is hashed IN the broker's container
 * with `mosquitto_passwd -U` before Mosquitto starts. No hashed file is ever committed, and
 * the hash format is whatever the broker's own mosquitto_passwd writes.
 *
 * The same users.txt tells the test clients their passwords: "the thermostat" logs in as user
 * `thermostat` with the password listed for it.
 */
import { IClientOptions } from 'mqtt';
import { parseConfigRef, readLabFiles } from './lab-files';
import { CONFIG_DIR } from './broker';

/** Where the generated password file lives in the container; the labs' configs name it. */
export const PASSWORD_FILE = `${CONFIG_DIR}/passwd`;

/**
 * Shell commands (run in /mosquitto/config before Mosquitto starts) that turn a users list
 * into a password file:
 *  - umask 077: the file is created readable by its owner only (2.0.16+ warns otherwise);
 *  - grep drops comments and blank lines, which `mosquitto_passwd -U` rejects as corrupt;
 *  - `mosquitto_passwd -U` replaces each password by a salted PBKDF2-SHA512 hash, in place;
 *  - chown: the entrypoint gave /mosquitto to user mosquitto BEFORE this file existed, and
 *    Mosquitto opens the password file after it has dropped from root to that user.
 */
export function passwordFilePreparation(usersFile: string, passwordFile = PASSWORD_FILE): string {
  return [
    'umask 077',
    `grep -v -e '^#' -e '^[[:space:]]*$' ${usersFile} > ${passwordFile}`,
    `mosquitto_passwd -U ${passwordFile}`,
    `chown mosquitto:mosquitto ${passwordFile}`,
  ].join(' && ');
}

/** The demo users of a lab: username -> plain-text password, read from e.g. "lab06/users.txt". */
export function readDemoUsers(usersRef: string): Map<string, string> {
  const ref = parseConfigRef(usersRef);
  // readLabFiles lays a break-it copy over the original, so broker and clients agree.
  const file = readLabFiles(ref).find((f) => f.name === ref.configFile)!;
  const users = new Map<string, string>();
  for (const line of file.content.toString('utf8').split('\n')) {
    const entry = line.trim();
    if (entry === '' || entry.startsWith('#')) continue;
    const colon = entry.indexOf(':');
    users.set(entry.slice(0, colon), entry.slice(colon + 1));
  }
  return users;
}

/** "the smoke detector" logs in as user "smoke-detector". */
export function usernameOf(clientName: string): string {
  return clientName.replace(/\s+/g, '-');
}

/**
 * The demo users a scenario's broker was started with (the World holds them), so that a step can
 * log a client in with "its password" without the feature spelling it out.
 */
export class DemoUsers {
  private users?: Map<string, string>;

  /** The users of the password file the scenario's broker was started with. */
  remember(users: Map<string, string>): void {
    this.users = users;
  }

  /** A user added while the broker runs (mosquitto_passwd -b), so it can log in too. */
  add(username: string, password: string): void {
    this.users ??= new Map();
    this.users.set(username, password);
  }

  /**
   * MQTT.js takes credentials as plain connect options: `username` (a string) and `password`
   * (a string or Buffer). They travel in the CONNECT packet in clear text, which is why a real
   * deployment puts them behind TLS (lab 13).
   */
  credentialsOf(clientName: string, password?: string): IClientOptions {
    const username = usernameOf(clientName);
    if (!this.users) throw new Error('This scenario started no broker with a password file');
    const known = this.users.get(username);
    if (known === undefined) throw new Error(`There is no user "${username}" in the scenario's users list`);
    return { username, password: password ?? known };
  }

  /** The password of a user by username, for a name that is no client's ("Zoë \"Z\" O'Brien"). */
  passwordOf(username: string): string {
    const known = this.users?.get(username);
    if (known === undefined) throw new Error(`There is no user ${JSON.stringify(username)} in the scenario's users list`);
    return known;
  }

  /** A password that is certainly not the user's. */
  wrongPasswordFor(clientName: string): IClientOptions {
    const right = this.credentialsOf(clientName).password as string;
    return { username: usernameOf(clientName), password: `not-${right}` };
  }
}
