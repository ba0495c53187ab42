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
};

/**
 * The scenario's apps by name. The one place that keeps them beside the World: once the World
 * has its own apps registry (its "apps" teardown phase), this function returns that instead.
 */
const scenarioApps = new WeakMap<LabWorld, Map<string, RunningApp>>();
function appsOf(world: LabWorld): Map<string, RunningApp> {
  let apps = scenarioApps.get(world);
  if (!apps) {
    const created = new Map<string, RunningApp>();
    apps = created;
    scenarioApps.set(world, created);
    // Registered after the broker it talks to, so it runs before the broker goes: each app
    // leaves with a DISCONNECT, like a learner's Ctrl-C.
    world.onTeardown(() => Promise.all([...created.values()].map((app) => app.stop())).then(() => undefined));
  }
  return apps;
}

/**
 * Builds the app if it is missing or older than its source, and starts it with `settings`
 * (MQTT_URL, TOPIC, QOS, ...). It is not waited for: the caller waits for the line it needs.
 */
export async function startApp(world: LabWorld, name: string, settings: Record<string, string>): Promise<RunningApp> {
  const entry = LAB_APPS[name];
  if (!entry) throw new Error(`No learner app is called "${name}" (there are: ${Object.keys(LAB_APPS).join(', ')})`);
  const apps = appsOf(world);
  if (apps.get(name)?.isRunning) throw new Error(`The ${name} app is already running in this scenario`);
  const app = new RunningApp(`the ${name} app`, await ensureBuilt(entry), settings);
  apps.set(name, app);
  return app;
}

/** The apps the scenario started, running or ended (none when it started none). */
export function startedApps(world: LabWorld): RunningApp[] {
  return [...(scenarioApps.get(world)?.values() ?? [])];
}

/** An app the scenario started. */
export function appOf(world: LabWorld, name: string): RunningApp {
  const app = scenarioApps.get(world)?.get(name);
  if (!app) throw new Error(`The scenario has not started the ${name} app`);
  return app;
}
