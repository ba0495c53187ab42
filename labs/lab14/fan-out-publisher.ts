/**
 * Lab 14: the fan-out publisher app. Publishes numbered messages to EVERY broker of its list
 * (fan-out.ts) and prints, for each, which brokers took it.
 *
 *   npm run build
 *   node build/labs/lab14/fan-out-publisher.js
 *   npm run app -- lab14/fan-out-publisher COUNT=0 INTERVAL_MS=200   (the same, built if needed)
 *
 * Settings (environment variables; the defaults fit `npm run broker -- lab14`):
 *   BROKERS         the brokers, e.g. alpha=mqtt://localhost:1883,bravo=mqtt://localhost:1884
 *                   (see broker-list.ts; the default is that one)
 *   MQTT_CLIENT_ID  the client id on every broker (default fan-out-<random>)
 *   PUBLISHER_ID    the publisher part of each message id (default: the client id)
 *   TOPIC           where to publish                      (default plant/line-1/counter)
 *   MESSAGE         the payload, before the number         (default reading: "reading 1", ...)
 *   COUNT           how many messages; 0 = until stopped   (default 10)
 *   INTERVAL_MS     pause between messages                 (default 500)
 *   ACK_TIMEOUT_MS  how long a broker may take to PUBACK   (default 2000)
 *   KEEPALIVE_S     finds a hung broker in about 1.5 x this (default 5)
 *
 * A message no broker took is printed as TAKEN BY NO BROKER and counted; the app then ends with
 * exit code 1 (also when stopped), so a script notices. Ctrl-C stops it with a DISCONNECT to every broker.
 */
import { randomBytes } from 'node:crypto';
import { report, runApp } from '../shared/mqtt-app';
import { numberSetting, textSetting } from '../shared/settings';
import { brokersSetting } from './broker-list';
import { FanOutPublisher, FanOutResult, Miss, NoBrokerTookError } from './fan-out';
import { messageId } from './message-id';

let stopping = false;
let publisher: FanOutPublisher | undefined;
const counts = { published: 0, untaken: 0 };

const missList = (missedBy: Miss[]) => missedBy.map((miss) => `${miss.broker} (${miss.reason})`).join(', ');

function describe(sequence: number, result: FanOutResult): string {
  const missed = result.missedBy.length ? `; missed by ${missList(result.missedBy)}` : '';
  return `message ${sequence} (id ${result.id}) taken by ${result.takenBy.join(', ')}${missed}`;
}

async function main(): Promise<void> {
  const brokers = brokersSetting();
  const clientId = textSetting('MQTT_CLIENT_ID', `fan-out-${randomBytes(3).toString('hex')}`);
  const publisherId = textSetting('PUBLISHER_ID', clientId);
  const topic = textSetting('TOPIC', 'plant/line-1/counter');
  const message = textSetting('MESSAGE', 'reading');
  const count = numberSetting('COUNT', 10);
  const intervalMs = numberSetting('INTERVAL_MS', 500);
  publisher = new FanOutPublisher(brokers, {
    clientId,
    ackTimeoutMs: numberSetting('ACK_TIMEOUT_MS', 2_000, 1),
    keepaliveSeconds: numberSetting('KEEPALIVE_S', 5, 1),
  });
  const urls = new Map(brokers.map((broker) => [broker.name, broker.url]));
  publisher.on('connected', (name: string) => report(`connected to ${name} (${urls.get(name)})`));
  publisher.on('lost', (name: string) => report(`connection to ${name} lost; reconnecting`));
  publisher.on('reconnected', (name: string) => report(`reconnected to ${name}`));
  await publisher.start();
  for (const broker of brokers) if (!publisher.isConnected(broker.name)) report(`${broker.name} is not reachable yet; trying again in the background`);
  report(`publishing to ${topic} on ${brokers.map((broker) => broker.name).join(', ')} as ${publisherId}`);

  for (let sequence = 1; (count === 0 || sequence <= count) && !stopping; sequence++) {
    if (sequence > 1 && intervalMs > 0) await new Promise((resolve) => setTimeout(resolve, intervalMs));
    if (stopping) break;
    const id = messageId(publisherId, sequence);
    counts.published++;
    try {
      report(describe(sequence, await publisher.publish(topic, `${message} ${sequence}`, id)));
    } catch (error) {
      if (!(error instanceof NoBrokerTookError)) throw error;
      // Surfaced, never dropped in silence: a real app would keep it and try again, or raise an alarm.
      counts.untaken++;
      report(`message ${sequence} (id ${id}) TAKEN BY NO BROKER: ${missList(error.result.missedBy)}`);
    }
  }
  if (!stopping) await finish();
}

async function finish(): Promise<void> {
  await publisher?.end();
  report(`published ${counts.published} messages, ${counts.untaken} taken by no broker`);
  report('disconnected');
  // An error ends the app with exit code 1 (runApp), so a script notices the messages it lost.
  if (counts.untaken > 0) throw new Error(`${counts.untaken} of ${counts.published} messages were taken by no broker`);
}

runApp(main, async () => {
  stopping = true;
  await finish();
});
