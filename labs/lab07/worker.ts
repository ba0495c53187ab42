/**
 * Lab 7: a worker of a pool that shares one stream of jobs (an MQTT 5 shared subscription).
 * Start it two or three times: each order goes to ONE of the running workers, and each worker
 * prints the orders it got, with the user properties they carry.
 *
 *   npm run build
 *   node build/labs/lab07/worker.js         (in two terminals)
 *   node build/labs/lab07/sensor.js         (or mosquitto_pub, see brokers/lab07/docker-compose.yml)
 *
 * Settings (environment variables; the defaults fit `npm run broker -- lab07`):
 *   MQTT_URL, MQTT_CLIENT_ID, MQTT_USERNAME, MQTT_PASSWORD  (see ../shared/mqtt-app.ts; MQTT 5 always)
 *   GROUP   the share group; workers with the same group split the jobs (default kitchen)
 *   TOPIC   the jobs' topic filter (default orders/#)
 *   QOS     default 1
 * Why a shared subscription, and what Mosquitto does with it: shared-subscription.ts.
 */
import type { IPublishPacket } from 'mqtt';
import { connectAndReport, connectionSettings, disconnect, report, runApp } from '../shared/mqtt-app';
import { qosSetting, textSetting } from '../shared/settings';
import { sharedFilter } from './shared-subscription';
import { fromMqttJsUserProperties } from './user-properties';

let stop: () => Promise<void> = async () => undefined;

function onJob(topic: string, payload: Buffer, packet: IPublishPacket): void {
  // User properties ride next to the payload: routing data the worker reads without parsing it.
  const properties = fromMqttJsUserProperties(packet.properties?.userProperties).map(([name, value]) => `${name}=${value}`);
  const carried = properties.length > 0 ? ` (user properties: ${properties.join(', ')})` : '';
  report(`job ${payload.toString()} on ${topic}${carried}`);
}

async function main(): Promise<void> {
  const filter = sharedFilter(textSetting('GROUP', 'kitchen'), textSetting('TOPIC', 'orders/#'));
  const settings = connectionSettings('worker');
  settings.options.protocolVersion = 5;
  const { client } = await connectAndReport(settings, (client) => client.on('message', onJob));
  stop = () => disconnect(client);
  const [grant] = await client.subscribeAsync(filter, { qos: qosSetting('QOS', 1) });
  if (!grant || grant.qos >= 0x80) throw new Error(`the broker refused the subscription to ${filter}`);
  report(`sharing the jobs of ${filter} (SUBACK granted QoS ${grant.qos})`);
}

runApp(main, () => stop());
