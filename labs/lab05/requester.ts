/**
 * Lab 5: the requester app. Sends one request, prints the answer (or why there is none), and
 * leaves. Exit code 0 when it got an answer, 1 when not: usable in a script.
 *
 *   npm run build
 *   node build/labs/lab05/requester.js
 *
 * Settings (environment variables; the defaults fit `npm run broker -- lab05 request-reply.conf`
 * with the square service (responder.ts) running):
 *   MQTT_URL, MQTT_CLIENT_ID, MQTT_USERNAME, MQTT_PASSWORD  (see ../shared/mqtt-app.ts; MQTT 5 always)
 *   REQUEST_TOPIC  where to send the request   (default services/square)
 *   REQUEST        the request's payload       (default 3)
 *   TIMEOUT_MS     how long to wait for the answer (default 5000)
 *
 * WHY a timeout: nothing in MQTT tells a requester that nobody listens on the request topic,
 * so without one a request to a service that is down would wait forever. The answers come to
 * replies/<client id>: lab 5's ACL lets each client read only its own (`pattern read replies/%c/#`).
 */
import { connectAndReport, connectionSettings, disconnect, report, runApp } from '../shared/mqtt-app';
import { numberSetting, textSetting } from '../shared/settings';
import { Requester } from './request-reply';

async function main(): Promise<void> {
  const requestTopic = textSetting('REQUEST_TOPIC', 'services/square');
  const request = textSetting('REQUEST', '3');
  const timeoutMs = numberSetting('TIMEOUT_MS', 5_000, 1);
  const settings = connectionSettings('requester');
  settings.options.protocolVersion = 5;
  const { client } = await connectAndReport(settings);
  const requester = new Requester(client, { timeoutMs });
  // Subscribed to the response topic BEFORE the request leaves: a fast answer is not lost.
  await requester.start();
  report(`asking "${request}" on ${requestTopic}; answers come to ${requester.responseTopic}`);
  try {
    const reply = await requester.request(requestTopic, request);
    report(`answer to "${request}": "${reply.text}"`);
  } finally {
    await requester.stop();
    await disconnect(client);
  }
}

runApp(main);
