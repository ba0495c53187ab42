/**
 * Lab 14: the failover subscriber app. Listens on one broker of its list at a time, moves to
 * the next when that connection dies, and hands each message to the application once
 * (failover.ts). Here "the application" prints it.
 *
 *   npm run build
 *   node build/labs/lab14/failover-subscriber.js
 *   npm run app -- lab14/failover-subscriber          (the same, built if needed)
 *
 * Settings (environment variables; the defaults fit `npm run broker -- lab14`):
 *   BROKERS             the brokers in the order to try them (see broker-list.ts)
 *   MQTT_CLIENT_ID      default failover-subscriber: FIXED, since each broker keeps our
 *                       session under this id (two copies of the app must use two ids)
 *   TOPIC               the filter                                  (default plant/#)
 *   SESSION_EXPIRY_S    how long each broker keeps our session      (default 3600)
 *   KEEPALIVE_S         finds a hung broker in about 1.5 x this     (default 5)
 *   CONNECT_TIMEOUT_MS  bound on one connection attempt             (default 2000)
 *   RETRY_PAUSE_MS      pause after a round where no broker answered (default 500)
 *   DEDUP_CAPACITY      message ids remembered; at least the brokers' max_queued_messages
 *                       (default 10000)
 */
import { report, runApp } from '../shared/mqtt-app';
import { numberSetting, textSetting } from '../shared/settings';
import { brokersSetting } from './broker-list';
import { BoundedMemoryStore } from './deduplication-store';
import { Delivery, FailoverSubscriber } from './failover';

let subscriber: FailoverSubscriber | undefined;

const kept = (found: boolean) => (found ? 'yes' : 'no');

/** The application: here it prints what it was handed. */
function handle(delivery: Delivery): void {
  const id = delivery.id === undefined ? 'no message id: not de-duplicated' : `id ${delivery.id}`;
  report(`delivered ${delivery.payload.toString()} (${id}) on ${delivery.topic} from ${delivery.broker}`);
}

async function main(): Promise<void> {
  const brokers = brokersSetting();
  subscriber = new FailoverSubscriber(brokers, {
    clientId: textSetting('MQTT_CLIENT_ID', 'failover-subscriber'),
    topic: textSetting('TOPIC', 'plant/#'),
    sessionExpirySeconds: numberSetting('SESSION_EXPIRY_S', 3_600, 1),
    keepaliveSeconds: numberSetting('KEEPALIVE_S', 5, 1),
    connectTimeoutMs: numberSetting('CONNECT_TIMEOUT_MS', 2_000, 1),
    retryPauseMs: numberSetting('RETRY_PAUSE_MS', 500),
    store: new BoundedMemoryStore(numberSetting('DEDUP_CAPACITY', 10_000, 1)),
  });
  subscriber.on('prepared', (name: string) => report(`prepared a durable session on ${name}`));
  subscriber.on('unprepared', (name: string, error: Error) => report(`could not prepare a session on ${name}: ${error.message}`));
  subscriber.on('unreachable', (name: string, error: Error) => report(`${name} is unreachable: ${error.message}`));
  subscriber.on('lost', (name: string) => report(`connection to ${name} lost`));
  subscriber.on('listening', (name: string, found: boolean) => report(`listening on ${name} (${name} kept my session: ${kept(found)})`));
  subscriber.on('failed over', (from: string, to: string, ms: number, found: boolean) => {
    report(`failed over from ${from} to ${to} in ${ms} ms (${to} kept my session: ${kept(found)})`);
    // The one loss the subscriber can see: the broker forgot the session that queued for us.
    if (!found) report(`${to} kept no session for me: what was published there while I listened elsewhere is lost`);
  });
  subscriber.on('duplicate', (id: string, name: string) => report(`dropped duplicate ${id} from ${name}`));
  subscriber.on('message', handle);
  await subscriber.start();
}

runApp(main, async () => {
  await subscriber?.stop();
  report('disconnected');
});
