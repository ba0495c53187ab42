/**
 * Lab 2: the subscriber app. Subscribes to a topic filter and prints every message it gets,
 * until you stop it (Ctrl-C).
 *
 *   npm run build
 *   node build/labs/lab02/subscriber.js
 *
 * Settings (environment variables; the defaults fit `npm run broker -- lab02`):
 *   MQTT_URL, MQTT_CLIENT_ID, MQTT_USERNAME, MQTT_PASSWORD, MQTT_VERSION  (see ../shared/mqtt-app.ts)
 *   TOPIC   the filter; wildcards welcome   (default home/+/temperature)
 *   QOS     the highest QoS to receive at   (default 1)
 *
 * WHY check the SUBACK: a broker may grant a lower QoS than asked (`max_qos`), or refuse the
 * filter (0x80 and above, lab 6) while the connection stays up: an app that did not look would
 * wait forever for messages that never come. After a lost connection MQTT.js reconnects and
 * subscribes again by itself (`resubscribe`, default true), so one subscribe is enough here.
 */
import type { IPublishPacket } from 'mqtt';
import { connectAndReport, connectionSettings, disconnect, report, runApp } from '../shared/mqtt-app';
import { qosSetting, textSetting } from '../shared/settings';

let stop: () => Promise<void> = async () => undefined;

function onMessage(topic: string, payload: Buffer, packet: IPublishPacket): void {
  // The retain flag on a delivery means "a value stored before you subscribed" (lab 3).
  const retained = packet.retain ? ', retained' : '';
  report(`received ${payload.toString()} on ${topic} at QoS ${packet.qos}${retained}`);
}

async function main(): Promise<void> {
  // Read when the app starts: a bad setting is reported like any other failure.
  const filter = textSetting('TOPIC', 'home/+/temperature');
  const qos = qosSetting('QOS', 1);
  // Listen before connecting: nothing may arrive before there is someone to print it.
  const { client } = await connectAndReport(connectionSettings('subscriber'), (client) => client.on('message', onMessage));
  stop = () => disconnect(client);
  const [grant] = await client.subscribeAsync(filter, { qos });
  if (!grant || grant.qos >= 0x80) throw new Error(`the broker refused the subscription to ${filter} (SUBACK 0x${(grant?.qos ?? 0x80).toString(16)})`);
  report(`subscribed to ${filter} (SUBACK granted QoS ${grant.qos})`);
}

runApp(main, () => stop());
