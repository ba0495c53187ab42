/**
 * Lab 7: a sensor that publishes its readings to one long topic through an MQTT 5 topic alias,
 * each with user properties that say what the number means.
 *
 *   npm run build
 *   node build/labs/lab07/sensor.js
 *
 * Settings (environment variables; the defaults fit `npm run broker -- lab07`):
 *   MQTT_URL, MQTT_CLIENT_ID, MQTT_USERNAME, MQTT_PASSWORD  (see ../shared/mqtt-app.ts; MQTT 5 always)
 *   TOPIC        default factory/line-1/oven/temperature
 *   TOPIC_ALIAS  default 1 (1 up to the broker's Topic Alias Maximum, 10 on Mosquitto)
 *   COUNT        readings to send (default 3), INTERVAL_MS between them (default 1000)
 *   UNIT         the unit user property (default celsius)
 *
 * WHY: the first PUBLISH carries the topic and registers the alias; the next ones carry only
 * the 2-byte alias (topic-alias.ts). The broker's CONNACK says how many aliases it accepts:
 * the alias is checked against it before the first publish, not refused by the broker later.
 */
import { connectAndReport, connectionSettings, disconnect, report, runApp } from '../shared/mqtt-app';
import { numberSetting, textSetting } from '../shared/settings';
import { AliasedTopicPublisher, topicAliasMaximumOf } from './topic-alias';
import { toMqttJsUserProperties } from './user-properties';

async function main(): Promise<void> {
  const topic = textSetting('TOPIC', 'factory/line-1/oven/temperature');
  const count = numberSetting('COUNT', 3, 1);
  const intervalMs = numberSetting('INTERVAL_MS', 1_000);
  const userProperties = toMqttJsUserProperties([['unit', textSetting('UNIT', 'celsius')], ['sensor', 'oven-1']]);
  const settings = connectionSettings('sensor');
  settings.options.protocolVersion = 5;
  const { client, connack } = await connectAndReport(settings);
  const publisher = new AliasedTopicPublisher(client, topic, numberSetting('TOPIC_ALIAS', 1, 1), topicAliasMaximumOf(connack));
  for (let i = 1; i <= count; i++) {
    const reading = (180 + Math.random() * 5).toFixed(1);
    const how = i === 1 ? `with the topic in full, registering alias ${publisher.alias}` : `by alias ${publisher.alias} only`;
    await publisher.publish(reading, { qos: 1, properties: { userProperties } });
    report(`published ${reading} to ${topic} ${how}`);
    if (i < count) await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  await disconnect(client);
}

runApp(main);
