/**
 * Lab 5: the square service, a responder app. Answers each request on its topic with the
 * square of the request's number, until you stop it (Ctrl-C).
 *
 *   npm run build
 *   node build/labs/lab05/responder.js
 *
 * Settings (environment variables; the defaults fit `npm run broker -- lab05 request-reply.conf`):
 *   MQTT_URL, MQTT_CLIENT_ID, MQTT_USERNAME, MQTT_PASSWORD  (see ../shared/mqtt-app.ts; MQTT 5 always)
 *   REQUEST_TOPIC  the requests' topic filter (default services/square). Start several copies
 *                  with $share/workers/services/square and they share the work (lab 7).
 *
 * Try it with the requester app (requester.ts) in another terminal. The pattern itself, and
 * why the answer goes to the request's Response Topic with its Correlation Data, is in
 * request-reply.ts: this file only gives the Responder a connection and a handler.
 */
import { connectAndReport, connectionSettings, disconnect, report, runApp } from '../shared/mqtt-app';
import { textSetting } from '../shared/settings';
import { IncomingRequest, Responder } from './request-reply';

let stop: () => Promise<void> = async () => undefined;

/** The service's one job. A request that is no number is answered as an error, not ignored. */
function square(request: IncomingRequest): string {
  const number = Number(request.text);
  if (request.text.trim() === '' || Number.isNaN(number)) {
    report(`request "${request.text}" on ${request.topic} is not a number: answering with an error on ${request.responseTopic}`);
    throw new Error(`"${request.text}" is not a number`);
  }
  const answer = String(number ** 2);
  report(`request "${request.text}" on ${request.topic}: answering "${answer}" on ${request.responseTopic}`);
  return answer;
}

async function main(): Promise<void> {
  const requestTopic = textSetting('REQUEST_TOPIC', 'services/square');
  const settings = connectionSettings('square-service');
  // Request/reply needs MQTT 5: the Responder refuses anything else, whatever MQTT_VERSION says.
  settings.options.protocolVersion = 5;
  const { client } = await connectAndReport(settings);
  const responder = new Responder(client, requestTopic, square);
  stop = async () => {
    await responder.stop();
    await disconnect(client);
  };
  await responder.start();
  report(`answering requests on ${requestTopic}`);
}

runApp(main, () => stop());
