/**
 * "In turn": how Mosquitto 2.0 deals the messages of a shared subscription. For each message
 * it sends to the first member of the group's list and moves that member to the end (subs.c,
 * subs__shared_process), so with N members the messages of one publisher go to the members in a
 * fixed cycle: with two, A B A B... Counting alone ("each got some") would also pass for a broker
 * that gives the first half to one and the rest to the other; this check proves the turns.
 */
import { theClient } from '../clients/client-history';

/**
 * Fails unless `payloads` (in the order they were published) went to the members in a repeating
 * cycle: the member of message i is the member of message i - N, and the first N are all
 * different. `received` is each member's payloads; every payload must have gone to one member.
 */
export function expectDealtInTurn(payloads: string[], received: Map<string, string[]>): void {
  const members = [...received.keys()];
  const receiverOf = payloads.map((payload) => members.find((name) => received.get(name)!.includes(payload)) ?? '(nobody)');
  const firstRound = new Set(receiverOf.slice(0, members.length));
  const cycles = firstRound.size === members.length && receiverOf.every((name, i) => i < members.length || name === receiverOf[i - members.length]);
  if (cycles) return;
  const dealt = payloads.map((payload, i) => `${JSON.stringify(payload)} to ${theClient(receiverOf[i]!)}`).join(', ');
  throw new Error(
    `The members of the group did not get the messages in turn (${members.map(theClient).join(', ')}, then again, in a fixed cycle); ` +
      `the broker dealt them: ${dealt}`,
  );
}
