/**
 * The checks on what a subscriber received, once a barrier has made the inbox final: nothing
 * (an absence), exactly these payloads, exactly N copies. Each failure says in MQTT words what
 * arrived against what the scenario expects, with the client's subscriptions, not a chai diff:
 * "the heater received "setpoint 21" on devices/thermostat/config (QoS 0, +35 ms), but must
 * not have (a barrier proved everything before it had arrived)".
 */
import type { LabClient, ReceivedMessage } from '../clients/lab-client';
import { deliveryContext, describeMessage, describeMessages, describeSubscriptions, theClient } from '../clients/client-history';

/** Why the inbox is final when the check runs: the PINGREQ barrier of LabWorld.settle. */
export const AFTER_THE_BARRIER = 'a barrier proved everything before it had arrived';
/** The same across bridges (settleAcrossBridges): every hop's queue was drained. */
export const AFTER_EVERY_BRIDGE = 'every bridge had delivered what it had';

/** Fails unless `got` (the messages of the inbox the step forbids) is empty. */
export function expectNothingReceived(client: LabClient, got: ReceivedMessage[], proof = AFTER_THE_BARRIER): void {
  if (got.length === 0) return;
  const first =
    got.length === 1
      ? `${theClient(client)} received ${describeMessage(got[0]!)}, but must not have (${proof}).`
      : `${theClient(client)} received ${got.length} messages it must not have (${proof}): ${describeMessages(got).replace(/^\d+ message\(s\):/, '')}`;
  throw new Error(`${first}\n  ${theClient(client)} is subscribed to: ${describeSubscriptions(client)}`);
}

export type Order = 'in this order' | 'in any order';

/**
 * Fails unless the payloads received on `topic` are `expected` (in this order, or in any order),
 * saying which are missing, which came unasked, and, when the sets agree, how the order differs.
 */
export function expectPayloads(client: LabClient, topic: string, got: ReceivedMessage[], expected: string[], order: Order, proof = AFTER_THE_BARRIER): void {
  const received = got.map((m) => m.text);
  const same = order === 'in this order' ? sameList(received, expected) : sameList([...received].sort(), [...expected].sort());
  if (same) return;
  const missing = minus(expected, received);
  const extra = minus(received, expected);
  const lines = [
    `${theClient(client)} did not receive exactly the messages the scenario expects on ${topic}, ${order} (${proof}):`,
    `  expected: ${list(expected)}`,
    `  received: ${list(received)}`,
    ...(missing.length ? [`  never arrived: ${list(missing)}`] : []),
    ...(extra.length ? [`  arrived but not expected (or once too often): ${list(extra)}`] : []),
    ...(!missing.length && !extra.length ? ['  the same messages, in another order'] : []),
    deliveryContext(client, got),
  ];
  throw new Error(lines.join('\n'));
}

/** Fails unless exactly `count` messages (`what`: "copies of "x" on a/b") arrived. */
export function expectCount(client: LabClient, got: ReceivedMessage[], count: number, what: string, proof = AFTER_THE_BARRIER): void {
  if (got.length === count) return;
  throw new Error(`${theClient(client)} received ${got.length} ${what}, the scenario expects exactly ${count} (${proof}).\n${deliveryContext(client, got)}`);
}

const list = (payloads: string[]) => (payloads.length ? payloads.map((p) => JSON.stringify(p)).join(', ') : 'nothing');
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** `a` without the elements of `b`, counting duplicates: a second copy of a message is extra. */
function minus(a: string[], b: string[]): string[] {
  const left = [...b];
  return a.filter((x) => {
    const at = left.indexOf(x);
    if (at === -1) return true;
    left.splice(at, 1);
    return false;
  });
}

/** Fails unless the message came with the retain flag set (a retained value) or clear (a live one). */
export function expectRetainFlag(client: LabClient, message: ReceivedMessage, retained: boolean): void {
  if (message.retain === retained) return;
  throw new Error(
    `${theClient(client)} received ${describeMessage(message)} ${retained ? 'without' : 'with'} the retain flag; the scenario expects it ` +
      (retained ? 'flagged as retained (the broker kept it and sent it on subscribe).' : 'not flagged as retained (a live delivery to a subscriber who was already there).'),
  );
}

/** Fails unless the message was delivered at `qos` (the QoS of the PUBLISH the subscriber got). */
export function expectDeliveredQos(client: LabClient, message: ReceivedMessage, qos: number): void {
  if (message.qos === qos) return;
  throw new Error(`${theClient(client)} received ${describeMessage(message)} at QoS ${message.qos}; the scenario expects QoS ${qos}.`);
}
