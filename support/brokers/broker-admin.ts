/**
 * What an operator does to a running broker: edit its password file with mosquitto_passwd,
 * put a new ACL in place, send SIGHUP so that Mosquitto reloads them, and read its log.
 * Every change ends with proof that the broker took it, never with a sleep.
 */
import { parseConfigRef, readLabFiles } from './lab-files';
import { PASSWORD_FILE } from './password-file';
import { Broker, CONFIG_DIR } from './broker';

/** Runs a command in the broker's container and fails with its output if it fails. */
async function run(broker: Broker, command: string[], user?: string): Promise<string> {
  const { exitCode, output } = await broker.exec(command, user ? { user } : {});
  if (exitCode !== 0) throw new Error(`\`${command.join(' ')}\` failed with exit code ${exitCode}:\n${output}`);
  return output;
}

/**
 * mosquitto_passwd on the live password file, run as user mosquitto: the broker (which runs
 * as that user) must still be able to read the file afterwards, and mosquitto_passwd rewrites it.
 */
export function mosquittoPasswd(broker: Broker, ...args: string[]): Promise<string> {
  return run(broker, ['mosquitto_passwd', ...args], 'mosquitto');
}

export const addUser = (broker: Broker, username: string, password: string) =>
  mosquittoPasswd(broker, '-b', PASSWORD_FILE, username, password);

export const deleteUser = (broker: Broker, username: string) => mosquittoPasswd(broker, '-D', PASSWORD_FILE, username);

/**
 * Copies one file of the lab folder (all of them are in /mosquitto/config) over another, e.g.
 * acl-after-reload over acl, and hands it to user mosquitto, who reads it on reload.
 */
export function installFile(broker: Broker, source: string, target: string): Promise<string> {
  return run(broker, ['sh', '-c', `cd ${CONFIG_DIR} && cp ${source} ${target} && chown mosquitto:mosquitto ${target} && chmod 0600 ${target}`]);
}

/** Mosquitto logs this (level "information") when SIGHUP makes it reload. */
const RELOADING = /Reloading config/;

/**
 * SIGHUP, then wait for the broker's own "Reloading config" log line. Mosquitto handles the
 * signal in its single-threaded main loop and rereads the password and ACL files right after
 * logging the line, before it reads the next packet, so any packet a client sends after this
 * resolves meets the new files.
 */
export async function reloadAndConfirm(broker: Broker, timeoutMs: number): Promise<void> {
  const reloaded = broker.waitForLogLine(RELOADING, timeoutMs);
  await broker.reload();
  await reloaded;
}

/**
 * The first line of the broker's container log (stderr) that matches, already logged or
 * logged within `timeoutMs`. The check of the lines so far and the start of the wait happen in
 * the same synchronous turn, so no line can slip between them.
 */
export function brokerLogLine(broker: Broker, pattern: RegExp, timeoutMs: number, what?: string): Promise<string> {
  const already = broker.logLines.find((line) => pattern.test(line));
  return already !== undefined ? Promise.resolve(already) : broker.waitForLogLine(pattern, timeoutMs, what);
}

/** The ports of the `listener` lines of a configuration text. */
export function listenerPorts(config: string): number[] {
  return [...config.matchAll(/^\s*listener\s+(\d+)/gm)].map((m) => Number(m[1]));
}

/** The ports a lab file of the running broker's lab declares beyond those of its start config. */
export function listenersAddedBy(broker: Broker, file: string): number[] {
  const ref = parseConfigRef(broker.description);
  const files = readLabFiles(ref);
  const text = (name: string) => {
    const found = files.find((f) => f.name === name);
    if (!found) throw new Error(`There is no file ${name} in brokers/${ref.lab}`);
    return found.content.toString('utf8');
  };
  const before = new Set(listenerPorts(text(ref.configFile)));
  return listenerPorts(text(file)).filter((port) => !before.has(port));
}

/**
 * Tries a connection to a port from inside the container (the port is not published to the
 * host) and returns what mosquitto_pub said: "Error: Connection refused" when nothing listens
 * there, "Connection Refused: not authorised" when a listener answered its anonymous CONNECT.
 */
export async function probeListener(broker: Broker, port: number): Promise<string> {
  const { output } = await broker.exec(['mosquitto_pub', '-h', '127.0.0.1', '-p', String(port), '-t', 'probe', '-m', 'probe']);
  return output;
}
