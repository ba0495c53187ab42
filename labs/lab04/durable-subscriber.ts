/**
 * Lab 4: the durable subscriber app. Keeps a session on the broker, so that the messages sent
 * while it is stopped wait for it; prints whether the broker resumed its session, and every
 * message it gets. Stop it (Ctrl-C), publish a few QoS 1 messages, start it again: they arrive.
 *
 *   npm run build
 *   node build/labs/lab04/durable-subscriber.js
 *
 * Settings (environment variables; the defaults fit `npm run broker -- lab04`):
 *   MQTT_URL, MQTT_USERNAME, MQTT_PASSWORD, MQTT_VERSION  (see ../shared/mqtt-app.ts)
 *   MQTT_CLIENT_ID   default meter-logger: FIXED, because the session belongs to the client id
 *   TOPIC            default meters/#
 *   QOS              default 1 (a QoS 0 message is never queued for an offline client)
 *   SESSION_EXPIRY_S MQTT 5: how long the broker keeps the session after a disconnect (default 3600)
 *
 * WHY it subscribes only when the session is new: a resumed session still holds the
 * subscription, and the messages queued for it arrive right after the CONNACK. Subscribing
 * again would do no harm, but checking `sessionWasResumed` is how an app notices that the
 * broker forgot it (expired session, broker restarted without persistence) and what it missed.
 */
import type { IPublishPacket } from 'mqtt';
import { connectAndReport, connectionSettings, disconnect, report, runApp } from '../shared/mqtt-app';
import { numberSetting, qosSetting, textSetting } from '../shared/settings';
import { durableSessionOptions, sessionWasResumed } from './durable-session';

let stop: () => Promise<void> = async () => undefined;

function onMessage(topic: string, payload: Buffer, packet: IPublishPacket): void {
  // dup: a redelivery of a message whose PUBACK the broker never got (lab 4: at least once).
  report(`received ${payload.toString()} on ${topic} at QoS ${packet.qos}${packet.dup ? ' (redelivered)' : ''}`);
}

async function main(): Promise<void> {
  const filter = textSetting('TOPIC', 'meters/#');
  const qos = qosSetting('QOS', 1);
  const settings = connectionSettings('meter-logger');
  const durable = durableSessionOptions({
    clientId: textSetting('MQTT_CLIENT_ID', 'meter-logger'),
    protocolVersion: settings.options.protocolVersion === 4 ? 4 : 5,
    sessionExpirySeconds: numberSetting('SESSION_EXPIRY_S', 3_600),
  });
  settings.options = { ...settings.options, ...durable };
  // Listen BEFORE connecting: the queued messages follow the CONNACK at once.
  const { client, connack } = await connectAndReport(settings, (client) => client.on('message', onMessage));
  stop = () => disconnect(client);
  if (sessionWasResumed(connack)) {
    report('the broker resumed the session: its subscriptions and queued messages are back');
    return;
  }
  report('the broker started a new session: subscribing');
  await client.subscribeAsync(filter, { qos });
  report(`subscribed to ${filter} at QoS ${qos}`);
}

runApp(main, () => stop());
