/**
 * Lab 2: the publisher app. Connects, publishes a reading, and leaves.
 *
 *   npm run build
 *   node build/labs/lab02/publisher.js
 *
 * Settings (environment variables; the defaults fit `npm run broker -- lab02`):
 *   MQTT_URL, MQTT_CLIENT_ID, MQTT_USERNAME, MQTT_PASSWORD, MQTT_VERSION  (see ../shared/mqtt-app.ts)
 *   TOPIC        where to publish           (default home/living/temperature)
 *   MESSAGE      what to publish            (default 21.5)
 *   QOS          0, 1 or 2                  (default 1)
 *   RETAIN       keep it as the topic's last known value (default false; lab 3)
 *   COUNT        how many times             (default 1)
 *   INTERVAL_MS  pause between publishes    (default 1000)
 *
 * WHY the QoS matters here: publishAsync resolves when the publish is as done as its QoS
 * promises. At QoS 0 that is when the packet left this process (nobody confirms anything); at
 * QoS 1 when the broker's PUBACK came back; at QoS 2 at the end of the four-packet handshake
 * (PUBCOMP). Disconnecting before that would drop a QoS 1 or 2 message that was still in flight,
 * so this app waits for each publish before it leaves.
 */
import type { IClientPublishOptions, Packet } from 'mqtt';
import { connectAndReport, connectionSettings, disconnect, report, runApp } from '../shared/mqtt-app';
import { flagSetting, numberSetting, qosSetting, textSetting } from '../shared/settings';

/** The settings, read when the app starts: a bad one is reported like any other failure. */
function publisherSettings() {
  return {
    topic: textSetting('TOPIC', 'home/living/temperature'),
    message: textSetting('MESSAGE', '21.5'),
    options: { qos: qosSetting('QOS', 1), retain: flagSetting('RETAIN', false) } satisfies IClientPublishOptions,
    count: numberSetting('COUNT', 1, 1),
    intervalMs: numberSetting('INTERVAL_MS', 1_000),
  };
}

/** How the broker confirmed a publish: nothing at QoS 0, PUBACK at 1, PUBCOMP at 2. */
function acknowledgement(qos: 0 | 1 | 2, sent: Packet | undefined): string {
  if (qos === 0) return 'QoS 0: no acknowledgement';
  const packet = qos === 1 ? 'PUBACK' : 'PUBCOMP';
  // MQTT 5 acknowledgements carry a reason code; 0x10 "no matching subscribers" is still a
  // success, but tells you nobody was listening.
  const reasonCode = (sent as { reasonCode?: number } | undefined)?.reasonCode;
  return reasonCode ? `${packet} 0x${reasonCode.toString(16).padStart(2, '0')}` : packet;
}

async function main(): Promise<void> {
  const { topic, message, options, count, intervalMs } = publisherSettings();
  const { client } = await connectAndReport(connectionSettings('publisher'));
  for (let i = 1; i <= count; i++) {
    const sent = await client.publishAsync(topic, message, options);
    const retained = options.retain ? ', retained' : '';
    report(`published ${message} to ${topic} at QoS ${options.qos}${retained} (${acknowledgement(options.qos, sent)})`);
    if (i < count) await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  await disconnect(client);
}

runApp(main);
