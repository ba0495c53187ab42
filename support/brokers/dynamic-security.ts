/**
 * The dynamic security plugin the way an administrator drives it: `mosquitto_ctrl` run inside
 * the broker's container (what `docker exec <container> mosquitto_ctrl ...` does), logged in as
 * the admin client of brokers/lab17/dynamic-security.json. mosquitto_ctrl is itself an MQTT
 * client: it publishes the command as JSON to `$CONTROL/dynamic-security/v1` and waits for the
 * plugin's answer on `$CONTROL/dynamic-security/v1/response`. No restart, no SIGHUP.
 */
import { Broker, CONFIG_DIR } from './broker';

/**
 * The admin client of brokers/lab17/dynamic-security.json and its DEMO password (the file holds
 * only its salted PBKDF2 hash, made with `mosquitto_ctrl dynsec init`; summary.md and the
 * compose file's recipes say it too). Never reuse a demo password.
 */
export const DYNSEC_ADMIN = { username: 'admin', password: 'dynsec-admin-demo' };

/** Where the plugin keeps (and rewrites after every change) its JSON file: plugin_opt_config_file. */
export const DYNSEC_FILE = `${CONFIG_DIR}/dynamic-security.json`;

/**
 * mosquitto_ctrl has no timeout of its own: without an answer (the plugin not loaded, the admin
 * role unable to read the response topic) it waits forever. `timeout` ends it, with exit code 124.
 */
const CTRL_TIMEOUT_S = 5;

/** Why a mosquitto_ctrl command failed, in its own words; exit code 124 is `timeout`'s: no answer. */
function ctrlFailure(shown: string, exitCode: number, said: string): Error {
  if (exitCode === 124) {
    return new Error(
      `\`${shown}\` got no answer on $CONTROL/dynamic-security/v1/response within ${CTRL_TIMEOUT_S} s: ` +
        `is the plugin loaded (the \`plugin\` line of the broker's .conf) and may the admin role read that topic?\n${said}`,
    );
  }
  return new Error(`\`${shown}\` failed (exit code ${exitCode}):\n${said}`);
}

export interface CtrlResult {
  /** What mosquitto_ctrl printed (an error is printed as "Error: <the plugin's reason>"). */
  output: string;
  /** Date.now() when the command started, for "how fast did the change reach a client". */
  startedAt: number;
  finishedAt: number;
}

/**
 * Runs `mosquitto_ctrl -u admin -P ... <args>` against the broker's own listener, from inside
 * its container, and fails with mosquitto_ctrl's own words when the plugin refused the command.
 */
export async function mosquittoCtrl(broker: Broker, args: string[]): Promise<CtrlResult> {
  const command = ['timeout', String(CTRL_TIMEOUT_S), 'mosquitto_ctrl', '-h', 'localhost', '-p', '1883', '-u', DYNSEC_ADMIN.username, '-P', DYNSEC_ADMIN.password, ...args];
  const startedAt = Date.now();
  const { exitCode, output } = await broker.exec(command);
  const finishedAt = Date.now();
  const shown = `mosquitto_ctrl ${args.join(' ')}`;
  // mosquitto_ctrl prints the plugin's refusal ("Error: Client already exists") and, in 2.0,
  // may still exit 0: the printed error is what counts.
  if (exitCode !== 0 || /^Error/m.test(output)) throw ctrlFailure(shown, exitCode, output);
  return { output, startedAt, finishedAt };
}

/** A word for sh, in single quotes: the features' words are plain, but a topic may hold # or +. */
const shQuoted = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/**
 * Several mosquitto_ctrl commands in ONE docker exec, in order, as an administrator's script
 * runs them: each is still its own mosquitto_ctrl (its own MQTT connection and answer), but the
 * cost of starting an exec (about 0.1 s here) is paid once. Stops at the first refusal, and
 * fails naming that command with mosquitto_ctrl's own words.
 */
export async function mosquittoCtrlScript(broker: Broker, commands: string[][]): Promise<void> {
  const login = ['-h', 'localhost', '-p', '1883', '-u', DYNSEC_ADMIN.username, '-P', DYNSEC_ADMIN.password];
  const script = commands
    .map((args, i) => {
      const run = ['timeout', String(CTRL_TIMEOUT_S), 'mosquitto_ctrl', ...login, ...args].map(shQuoted).join(' ');
      // mosquitto_ctrl may exit 0 after printing the plugin's refusal: the "Error" counts too.
      return `echo '@command ${i}'; out=$(${run} 2>&1); rc=$?; printf '%s\n' "$out"; [ $rc -eq 0 ] || exit $rc; if printf '%s\n' "$out" | grep -q '^Error'; then exit 3; fi`;
    })
    .join('\n');
  const { exitCode, output } = await broker.exec(['sh', '-c', script]);
  if (exitCode === 0) return;
  const failed = Number([...output.matchAll(/^@command (\d+)$/gm)].at(-1)?.[1] ?? 0);
  const said = output.slice(output.lastIndexOf(`@command ${failed}`)).split('\n').slice(1).join('\n').trim();
  const shown = `mosquitto_ctrl ${commands[failed]!.join(' ')}`;
  throw ctrlFailure(shown, exitCode, said);
}

/** One mosquitto_ctrl command line as a feature writes it ("dynsec createClient thermostat -p x"). */
export function ctrlArguments(line: string): string[] {
  return line.trim().split(/\s+/);
}

/** The username and password of a `dynsec createClient <username> -p <password>` line, if it is one. */
export function createdClient(args: string[]): { username: string; password: string } | undefined {
  if (args[0] !== 'dynsec' || args[1] !== 'createClient') return undefined;
  const flag = args.indexOf('-p');
  return flag === -1 ? undefined : { username: args[2], password: args[flag + 1] };
}

/** The plugin's file as it is now in the container (the plugin rewrote it after each change). */
export async function dynsecFileContent(broker: Broker): Promise<string> {
  const { exitCode, output } = await broker.exec(['cat', DYNSEC_FILE]);
  if (exitCode !== 0) throw new Error(`cannot read ${DYNSEC_FILE} in the broker's container:\n${output}`);
  return output;
}
