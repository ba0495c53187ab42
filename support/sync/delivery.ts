/**
 * What a subscriber received: the predicates and the "exactly these, in this order" check that
 * several labs share (offline queues, shared subscriptions, ...).
 */
import { ReceivedMessage } from '../clients/lab-client';
import { PROMPTLY_MS } from './waiting';
import { LabWorld } from '../world/world';
import { expectPayloads } from './delivery-checks';

/** Matches a message on exactly this topic, and with this payload when one is given. */
export const receivedOn =
  (topic: string, payload?: string) =>
  (m: ReceivedMessage): boolean =>
    m.topic === topic && (payload === undefined || m.text === payload);

/** "reading 1" ... "reading N": numbered payloads, so order and split are visible at a glance. */
export function numbered(noun: string, from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => `${noun} ${from + i}`);
}

/**
 * Waits until as many messages as expected arrived on the topic, then runs the barrier, and only
 * then compares: so "exactly these, in this order, and nothing after them" is a fact.
 * (A shortfall is not an error of the wait: the comparison below reports it with what did come.)
 */
export async function expectExactlyInOrder(world: LabWorld, name: string, topic: string, payloads: string[]): Promise<void> {
  const client = world.existingClient(name);
  await client.waitForMessages(`messages on ${topic}`, receivedOn(topic), payloads.length, PROMPTLY_MS).catch(() => undefined);
  await world.settle(name);
  expectPayloads(client, topic, client.inbox.filter(receivedOn(topic)), payloads, 'in this order');
}
