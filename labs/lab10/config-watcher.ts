/**
 * Lab 10: a service that keeps its configuration in retained messages. On start it loads every
 * key under the subtree (the broker's retained values), prints them, then prints each change
 * as it happens, until you stop it (Ctrl-C).
 *
 *   npm run build
 *   node build/labs/lab10/config-watcher.js
 *   (set a key: node build/labs/lab02/publisher.js with TOPIC=config/pump-1/speed MESSAGE=1200 RETAIN=true)
 *
 * Settings (environment variables; the defaults fit `npm run broker -- lab10`):
 *   MQTT_URL, MQTT_CLIENT_ID, MQTT_USERNAME, MQTT_PASSWORD, MQTT_VERSION  (see ../shared/mqtt-app.ts)
 *   SUBTREE  the keys' topic filter (default config/#)
 * How the store knows the snapshot is complete without sleeping: retained-state-store.ts.
 */
import { connectAndReport, connectionSettings, disconnect, report, runApp } from '../shared/mqtt-app';
import { textSetting } from '../shared/settings';
import { RetainedStateStore, StateChange } from './retained-state-store';

let stop: () => Promise<void> = async () => undefined;

async function main(): Promise<void> {
  const subtree = textSetting('SUBTREE', 'config/#');
  const { client } = await connectAndReport(connectionSettings('config-watcher'));
  const store = new RetainedStateStore(client, subtree);
  stop = async () => {
    await store.stop();
    await disconnect(client);
  };
  const snapshot = await store.start();
  report(`loaded ${snapshot.size} value(s) under ${subtree}`);
  for (const [key, value] of snapshot) report(`  ${key} = ${value}`);
  // Registered after the snapshot: from here on, each event is a live change.
  store.on('change', ({ key, value }: StateChange) => report(value === undefined ? `${key} deleted` : `${key} changed to ${value}`));
}

runApp(main, () => stop());
