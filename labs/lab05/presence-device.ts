/**
 * Lab 5: a device that announces its presence, with a last will for when it vanishes.
 * It publishes "online" (retained) to devices/<id>/status and stays connected. Stopped
 * properly (Ctrl-C) it publishes "offline" itself and disconnects: the broker throws the will
 * away. Killed (close the terminal window, Task Manager, `kill -9`) it cannot say anything: the
 * broker publishes its will, "offline", when it notices the connection is gone.
 *
 *   npm run build
 *   node build/labs/lab05/presence-device.js
 *   (watch it: node build/labs/lab02/subscriber.js with TOPIC=devices/+/status)
 *
 * Settings (environment variables; the defaults fit `npm run broker -- lab05`):
 *   MQTT_URL, MQTT_USERNAME, MQTT_PASSWORD  (see ../shared/mqtt-app.ts; MQTT 5 always)
 *   DEVICE_ID     the device, its client id and its status topic (default thermostat)
 *   WILL_DELAY_S  MQTT 5 will delay: a device back within it cancels the will (default 0)
 *   KEEPALIVE_S   how often it pings when idle; the broker gives up after 1.5x (default 10)
 */
import { connectAndReport, connectionSettings, report, runApp } from '../shared/mqtt-app';
import { numberSetting, textSetting } from '../shared/settings';
import { lastWillOptions } from './last-will';

let stop: () => Promise<void> = async () => undefined;

async function main(): Promise<void> {
  const deviceId = textSetting('DEVICE_ID', 'thermostat');
  const statusTopic = `devices/${deviceId}/status`;
  const delaySeconds = numberSetting('WILL_DELAY_S', 0);
  // Retained and QoS 1: a dashboard that opens tomorrow still sees the last status.
  const will = { topic: statusTopic, payload: 'offline', qos: 1 as const, retain: true };
  const settings = connectionSettings(deviceId);
  settings.options = {
    ...settings.options,
    clientId: deviceId,
    protocolVersion: 5,
    keepalive: numberSetting('KEEPALIVE_S', 10, 1),
    ...(delaySeconds > 0 ? lastWillOptions({ ...will, delaySeconds }, delaySeconds) : lastWillOptions(will)),
  };
  const { client } = await connectAndReport(settings);
  report(`left a last will with the broker: offline to ${statusTopic}${delaySeconds > 0 ? ` after ${delaySeconds} s` : ''}`);
  // The retained "online" replaces the "offline" a previous will may have left.
  await client.publishAsync(statusTopic, 'online', { qos: 1, retain: true });
  report(`published online to ${statusTopic} (retained)`);
  stop = async () => {
    // A planned goodbye: say "offline" ourselves; the DISCONNECT then makes the broker drop the will.
    await client.publishAsync(statusTopic, 'offline', { qos: 1, retain: true });
    report(`published offline to ${statusTopic} (retained); disconnecting, so the broker discards the will`);
    await client.endAsync();
    report('disconnected');
  };
}

runApp(main, () => stop());
