/**
 * Reading the broker's $SYS statistics the way a monitoring tool must: as numbers that change
 * by some amount, never as absolute values. A counter such as $SYS/broker/clients/connected
 * also counts the monitoring client itself, and the broker publishes a new value only on its
 * next periodic update (every sys_interval, and only for the values that changed).
 */
import { receivedOn } from '../sync/delivery';
import { LabClient, ReceivedMessage } from '../clients/lab-client';

/** Published every update because it always changes: the heartbeat of the $SYS tree. */
export const UPTIME_TOPIC = '$SYS/broker/uptime';

/** "42 seconds" -> 42, "17" -> 17: the numeric part of a $SYS value. */
export function sysNumber(message: ReceivedMessage): number {
  const value = Number.parseFloat(message.text);
  if (Number.isNaN(value)) throw new Error(`${message.topic} is not a number: "${message.text}"`);
  return value;
}

/** The latest value the client received on a topic, if any. */
export function latestValue(client: LabClient, topic: string): number | undefined {
  const last = client.inbox.filter(receivedOn(topic)).at(-1);
  return last ? sysNumber(last) : undefined;
}

/**
 * Waits until the broker has published one periodic update AFTER the client subscribed.
 *
 * What a new subscriber gets first are the retained values of the LAST update, which may be
 * older than the subscriber itself. A live update (retain flag 0: sent to an existing
 * subscription) of the uptime proves that an update ran after the subscription; the PINGREQ
 * round trip that follows makes sure every other value of that same update has arrived, since
 * the broker writes them all before it reads the next packet. From then on the latest value
 * of each topic is a baseline that includes the monitoring client's own connection and
 * subscriptions.
 */
export async function waitForLiveUpdate(client: LabClient, timeoutMs: number): Promise<void> {
  const from = client.inbox.length;
  await client.waitForMessage(`a live update of ${UPTIME_TOPIC}`, (m) => m.topic === UPTIME_TOPIC && !m.retain && client.inbox.indexOf(m) >= from, timeoutMs);
  await client.roundTrip();
}

/** Waits until the latest value of `topic` equals `expected`; the error names what was seen. */
export async function waitForValue(client: LabClient, topic: string, expected: number, timeoutMs: number): Promise<void> {
  try {
    await client.waitForMessage(`${topic} = ${expected}`, (m) => m.topic === topic && latestValue(client, topic) === expected, timeoutMs);
  } catch (error) {
    const seen = client.inbox.filter(receivedOn(topic)).map((m) => m.text);
    throw new Error(`${(error as Error).message}; the values seen were ${JSON.stringify(seen)}`);
  }
}
