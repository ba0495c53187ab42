/**
 * Lab 13: the publisher over TLS. Connects to the broker's TLS listener, trusting the lab CA
 * only, optionally with a client certificate (mutual TLS), publishes one reading and leaves.
 *
 *   npm run certs                         (once: writes brokers/lab13/certs/)
 *   npm run broker -- lab13               (or mutual-tls.conf)
 *   npm run build
 *   node build/labs/lab13/tls-publisher.js
 *
 * Settings (environment variables; the defaults fit `npm run broker -- lab13` and `npm run certs`):
 *   MQTT_URL    default mqtts://localhost:8883 (dial the name the server certificate carries)
 *   CA_FILE     the CA to trust (default brokers/lab13/certs/ca.pem)
 *   CERT_FILE, KEY_FILE  a client certificate and its key, for mutual-tls.conf
 *               (e.g. brokers/lab13/certs/kitchen-sensor.pem and .key); none by default
 *   TOPIC (default sensors/kitchen/temperature), MESSAGE (default 21.5), QOS (default 1)
 *   MQTT_CLIENT_ID, MQTT_USERNAME, MQTT_PASSWORD, MQTT_VERSION  (see ../shared/mqtt-app.ts)
 * Why each TLS option, and why never rejectUnauthorized: false: tls-client-options.ts.
 * A certificate problem stops the app with Node's own reason (UNABLE_TO_VERIFY_LEAF_SIGNATURE,
 * ERR_TLS_CERT_ALTNAME_INVALID, CERT_HAS_EXPIRED): read it, then fix the trust, not the check.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectAndReport, connectionSettings, disconnect, report, runApp } from '../shared/mqtt-app';
import { optionalSetting, qosSetting, textSetting } from '../shared/settings';
import { tlsClientOptions, TlsClientSettings } from './tls-client-options';

/** The TLS settings from CA_FILE, CERT_FILE and KEY_FILE. */
function tlsSettings(): TlsClientSettings {
  const caFile = textSetting('CA_FILE', join('brokers', 'lab13', 'certs', 'ca.pem'));
  const settings: TlsClientSettings = { ca: readFileSync(caFile, 'utf8') };
  const certFile = optionalSetting('CERT_FILE');
  const keyFile = optionalSetting('KEY_FILE');
  if ((certFile === undefined) !== (keyFile === undefined)) throw new Error('CERT_FILE and KEY_FILE go together: a certificate is no use without its key');
  if (certFile !== undefined && keyFile !== undefined) {
    settings.cert = readFileSync(certFile, 'utf8');
    settings.key = readFileSync(keyFile, 'utf8');
  }
  report(`trusting the CA of ${caFile}${certFile ? `, presenting ${certFile}` : ''}`);
  return settings;
}

async function main(): Promise<void> {
  const topic = textSetting('TOPIC', 'sensors/kitchen/temperature');
  const message = textSetting('MESSAGE', '21.5');
  const qos = qosSetting('QOS', 1);
  const settings = connectionSettings('tls-publisher');
  settings.url = textSetting('MQTT_URL', 'mqtts://localhost:8883');
  settings.options = { ...settings.options, ...tlsClientOptions(tlsSettings()) };
  const { client } = await connectAndReport(settings);
  await client.publishAsync(topic, message, { qos });
  report(`published ${message} to ${topic} at QoS ${qos}, encrypted`);
  await disconnect(client);
}

runApp(main);
