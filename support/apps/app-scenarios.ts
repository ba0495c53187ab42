/**
 * What the app steps do with a built app: start it against the scenario's broker and wait for
 * the line that says it is ready, run one to its end, and find the lines that are its events.
 * The lines are the apps' own words (labs/shared/mqtt-app.ts and each app's report() calls).
 */
import { LabWorld } from '../world/world';
import { startApp } from './lab-apps';
import { AppExit, RunningApp } from './running-app';

/**
 * Bound on an app's start: a Node process that loads MQTT.js and connects takes 0.2-0.5 s
 * here; a loaded machine running three workers, several times that. The build, when one is
 * needed, comes before this bound.
 */
export const APP_START_MS = 10_000;

/** Starts the app against the scenario's broker and waits for the line that says it is ready. */
export async function startReady(world: LabWorld, name: string, settings: Record<string, string>, ready: string): Promise<RunningApp> {
  const app = await startApp(world, name, { MQTT_URL: world.broker().url(), ...settings });
  await app.waitForLine(`"${ready.trim()} ..."`, (line) => line.startsWith(ready), APP_START_MS);
  return app;
}

/** Runs an app that does its job and leaves (the publisher, the requester) to its end. */
export async function runToEnd(world: LabWorld, name: string, settings: Record<string, string>): Promise<RunningApp> {
  const app = await startApp(world, name, { MQTT_URL: world.broker().url(), ...settings });
  await app.waitForExit(APP_START_MS);
  return app;
}

/** Fails, showing the app's output, unless it ended by itself with exit code `code`. */
export function expectEndedWith(app: RunningApp, code: number): AppExit {
  const exit = app.exit;
  if (!exit || exit.code !== code) throw new Error(`${app.name} should have ended with exit code ${code}.\n${app.describe()}`);
  return exit;
}

/** Fails, showing the app's output, unless it printed exactly `line` (it may print more). */
export function expectPrinted(app: RunningApp, line: string): void {
  if (!app.events.includes(line)) throw new Error(`${app.name} did not print "${line}".\n${app.describe()}`);
}

/** The subscriber app's line for a message (labs/lab02/subscriber.ts). */
export const receivedLine = (payload: string, topic: string) => (line: string) => line.startsWith(`received ${payload} on ${topic} at QoS `);
