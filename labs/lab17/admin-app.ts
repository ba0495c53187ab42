/**
 * Lab 17: the admin app. Sends dynamic security commands to the broker as JSON over MQTT, the
 * way mosquitto_ctrl does (dynsec-admin.ts), prints one line per answer and leaves. It exits
 * with code 1 when the plugin refused any command, so a script that runs it notices.
 *
 *   npm run broker -- lab17
 *   npm run build
 *   node build/labs/lab17/admin-app.js      (with the settings below)
 *
 * Settings (environment variables):
 *   COMMANDS       the commands, as JSON: {"commands": [{"command": "createClient", ...}, ...]}
 *                  or just the array; or
 *   COMMANDS_FILE  a file that holds that JSON
 *   MQTT_USERNAME  default admin, the admin of brokers/lab17/dynamic-security.json
 *   MQTT_PASSWORD  the admin's password (the lab's demo password is dynsec-admin-demo); no default
 *   MQTT_URL       default mqtt://localhost:1883; mqtts://localhost:8883 for the TLS listener,
 *   CA_FILE        with the CA to trust (brokers/lab17/certs/ca.pem after `npm run certs`; see lab 13)
 *   MQTT_CLIENT_ID, MQTT_VERSION  (see ../shared/mqtt-app.ts)
 */
import { readFileSync } from 'node:fs';
import { connectAndReport, connectionSettings, disconnect, report, runApp } from '../shared/mqtt-app';
import { optionalSetting, textSetting } from '../shared/settings';
import { DynsecAdmin, DynsecCommand } from './dynsec-admin';

/** The commands from COMMANDS or COMMANDS_FILE, checked before anything is sent. */
function commandsSetting(): DynsecCommand[] {
  const inline = optionalSetting('COMMANDS');
  const file = optionalSetting('COMMANDS_FILE');
  if ((inline === undefined) === (file === undefined)) throw new Error('give the commands in COMMANDS or in a file named by COMMANDS_FILE (one of the two)');
  const text = inline ?? readFileSync(file!, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${inline !== undefined ? 'COMMANDS' : file} is not JSON: ${(error as Error).message}`);
  }
  const commands = Array.isArray(parsed) ? parsed : (parsed as { commands?: unknown }).commands;
  if (!Array.isArray(commands) || commands.some((c) => typeof (c as DynsecCommand)?.command !== 'string')) {
    throw new Error('the commands must be a list of objects, each with a "command" name, e.g. [{"command": "listClients"}]');
  }
  return commands as DynsecCommand[];
}

async function main(): Promise<void> {
  const commands = commandsSetting();
  const settings = connectionSettings('dynsec-admin');
  settings.options.username ??= 'admin';
  if (settings.options.password === undefined) throw new Error('MQTT_PASSWORD must be the admin\'s password (the lab\'s demo password is dynsec-admin-demo)');
  const caFile = optionalSetting('CA_FILE');
  // The admin's password crosses the network in CONNECT: over TLS it is encrypted (lab 13).
  if (caFile !== undefined) settings.options.ca = readFileSync(caFile, 'utf8');
  settings.url = textSetting('MQTT_URL', 'mqtt://localhost:1883');
  const { client } = await connectAndReport(settings);
  const responses = await new DynsecAdmin(client).send(commands);
  let refused = 0;
  for (const response of responses) {
    if (response.error) {
      refused += 1;
      report(`refused ${response.command}: ${response.error}`);
    } else {
      report(`done ${response.command}${response.data === undefined ? '' : ` ${JSON.stringify(response.data)}`}`);
    }
  }
  await disconnect(client);
  if (refused > 0) throw new Error(`the plugin refused ${refused} of ${commands.length} commands`);
}

runApp(main);
