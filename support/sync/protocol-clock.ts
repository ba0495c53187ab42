/**
 * Time as the behaviour. Most steps wait for events; a will delay, a keepalive and a request
 * timeout are different: how much time passes IS what the scenario proves. This module measures
 * such intervals from the moment they start (a connection closed, a client fell silent) and holds
 * the suite's only deliberate pauses, each bounded by the number the step text states.
 */
import { LabClient, ReceivedMessage } from '../clients/lab-client';
import { WaitTimeout } from './waiting';

/**
 * When a connection of the client last closed, however it closed (dropped socket, the broker
 * cutting it off), in ms since the epoch: the start of a will delay or of a keepalive verdict.
 * A reconnect does not clear it, so "2.5 s after the loss" still means the loss.
 */
export function connectionClosedAt(client: LabClient): number {
  if (client.closedAt === undefined) throw new Error(`${client.name}'s connection has not closed`);
  return client.closedAt;
}

/**
 * Lets `seconds` pass. Only where time IS the behaviour (a session or message expiry): the
 * step text that calls it says how long.
 */
export function letTimePass(seconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, seconds * 1000));
}

/**
 * Lets time pass until `deadline` (ms since the epoch). Only for the absence of something that
 * is due at a known time: "no will 2.5 s after the loss" can only be seen after 2.5 s.
 */
export function letTimePassUntil(deadline: number): Promise<void> {
  const remaining = deadline - Date.now();
  return remaining > 0 ? new Promise((resolve) => setTimeout(resolve, remaining)) : Promise.resolve();
}

export interface TimedMessage {
  message: ReceivedMessage;
  /** Milliseconds between `since` and the moment the wait saw the message. */
  afterMs: number;
}

/**
 * Waits for a message that must arrive no sooner than `earliestMs` and no later than `latestMs`
 * after `since`. The wait is event-driven (it ends the moment the message is there) and bounded by
 * `latestMs`; arriving too early fails too.
 */
export async function waitForMessageBetween(
  client: LabClient,
  description: string,
  predicate: (m: ReceivedMessage) => boolean,
  since: number,
  earliestMs: number,
  latestMs: number,
): Promise<TimedMessage> {
  const message = await client.waitForMessage(`${description} (${latestMs} ms after the start)`, predicate, Math.max(0, since + latestMs - Date.now()));
  const afterMs = Date.now() - since;
  if (afterMs < earliestMs) {
    throw new Error(`${client.name} received ${description} after ${afterMs} ms: too early, it was due no sooner than ${earliestMs} ms`);
  }
  return { message, afterMs };
}

/**
 * Proves that a connection stays open until `deadline`: ends with an error the moment it closes,
 * and returns quietly when the deadline passes with the connection still open.
 */
export async function expectConnectedUntil(client: LabClient, deadline: number, since: number): Promise<void> {
  try {
    await client.waitForClose(Math.max(0, deadline - Date.now()));
  } catch (error) {
    if (error instanceof WaitTimeout && client.isConnected) return;
    throw error;
  }
  throw new Error(`${client.name}'s connection closed ${Date.now() - since} ms after the start, before ${deadline - since} ms had passed`);
}

/**
 * The lower side of a time the lesson states ("after 7 to 12 s"): `what` took `tookMs`, and must
 * not have been sooner than `earliestSeconds`. An upper bound alone also passes when the thing
 * happens at once for another reason (a bridge dropped by a crash, not by its keepalive).
 */
export function expectNoSoonerThan(what: string, tookMs: number, earliestSeconds: number, latestSeconds: number): void {
  if (tookMs >= earliestSeconds * 1000) return;
  throw new Error(
    `${what} after ${(tookMs / 1000).toFixed(2)} s: sooner than the ${earliestSeconds} to ${latestSeconds} s the lesson states, ` +
      'so something other than the timing the scenario teaches caused it',
  );
}
