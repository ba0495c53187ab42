/**
 * The learner apps a scenario runs, by the names the features give them ("the subscriber app"),
 * each one the built artefact of a labs/ entry point, started with the settings a learner would
 * give it in environment variables. Every app a scenario starts is stopped when it ends.
 */
import { LabWorld } from '../world/world';
import { ensureBuilt } from './app-build';
import { RunningApp } from './running-app';

/** What the features call each app, and its entry point under labs/. */
export const LAB_APPS: Record<string, string> = {
  publisher: 'lab02/publisher',
  subscriber: 'lab02/subscriber',
  'square service': 'lab05/responder',
  requester: 'lab05/requester',
  'TLS publisher': 'lab13/tls-publisher',
  'fan-out publisher': 'lab14/fan-out-publisher',
  'failover subscriber': 'lab14/failover-subscriber',
  admin: 'lab17/admin-app',
};

/** The name a running app has in the World (world.apps): what the feature calls it. */
function appName(name: string): string {
  return `the ${name} app`;
}

/**
 * Builds the app if it is missing or older than its source, and starts it with `settings`
 * (MQTT_URL, TOPIC, QOS, ...). It is not waited for: the caller waits for the line it needs.
 */
export async function startApp(world: LabWorld, name: string, settings: Record<string, string>): Promise<RunningApp> {
  const entry = LAB_APPS[name];
  if (!entry) throw new Error(`No learner app is called "${name}" (there are: ${Object.keys(LAB_APPS).join(', ')})`);
  if (world.apps.has(appName(name))) throw new Error(`The ${name} app was already started in this scenario`);
  // The World stops it in the teardown's first phase, while the broker it talks to still runs:
  // the app leaves with a DISCONNECT, like a learner's Ctrl-C.
  return world.apps.add(new RunningApp(appName(name), await ensureBuilt(entry), settings));
}

/** An app the scenario started. */
export function appOf(world: LabWorld, name: string): RunningApp {
  if (!world.apps.has(appName(name))) throw new Error(`The scenario has not started the ${name} app`);
  return world.apps.get<RunningApp>(appName(name));
}
