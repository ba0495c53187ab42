/**
 * A connection attempt that may fail below MQTT (a refused WebSocket upgrade, a TLS handshake
 * that fails, an answer that is no MQTT): what the client got, and the errors MQTT.js reported,
 * with their codes (`UNABLE_TO_VERIFY_LEAF_SIGNATURE`, `ECONNRESET`, ...), for a later step.
 */
import { expect } from 'chai';
import type { IClientOptions } from 'mqtt';
import { LabClient } from './lab-client';
import type { ConnectionAttempt, StepOutcomes } from '../world/step-outcomes';

export type { ConnectionAttempt } from '../world/step-outcomes';

/** Connects and records the outcome (in the scenario's `outcomes`) instead of throwing. */
export async function attemptConnection(outcomes: StepOutcomes, client: LabClient, url: string, options: IClientOptions = {}): Promise<ConnectionAttempt> {
  const from = client.errors.length;
  const attempt: ConnectionAttempt = { url, reported: [] };
  try {
    attempt.connack = await client.connect(url, options);
  } catch (error) {
    attempt.failure = error as Error;
  }
  // Looked at by this step: the attempt's outcome is what the scenario judges.
  attempt.reported = client.errors.slice(from).map((e) => ((e.observed = true), e.error));
  outcomes.connectionAttempts.set(client.name, attempt);
  return attempt;
}

export function lastAttempt(outcomes: StepOutcomes, client: LabClient): ConnectionAttempt {
  const attempt = outcomes.connectionAttempts.get(client.name);
  if (!attempt) throw new Error(`${client.name} has not tried to connect yet`);
  return attempt;
}

/** One line per error: "UNABLE_TO_VERIFY_LEAF_SIGNATURE: unable to verify the first certificate". */
export function describeErrors(attempt: ConnectionAttempt): string {
  const errors: (Error & { code?: string })[] = attempt.reported.length ? attempt.reported : attempt.failure ? [attempt.failure] : [];
  // MQTT.js may emit the same socket error twice (stream and client): show it once.
  const lines = new Set(errors.map((e) => (e.code ? `${e.code}: ${e.message}` : e.message)));
  return [...lines].join('; ') || '(no error)';
}

/** The attempt failed, and MQTT.js reported an error whose code or message contains `expected`. */
export function expectFailedWith(outcomes: StepOutcomes, client: LabClient, expected: string): void {
  const attempt = lastAttempt(outcomes, client);
  expect(attempt.connack, `${client.name} was expected to fail, but got a CONNACK (code ${attempt.connack?.reasonCode ?? attempt.connack?.returnCode ?? 0}) from ${attempt.url}`).to.equal(undefined);
  expect(client.isConnected, `${client.name} is connected`).to.equal(false);
  const seen = describeErrors(attempt);
  expect(seen.includes(expected), `${client.name} should fail with "${expected}"; MQTT.js reported: ${seen}`).to.equal(true);
}

/** The attempt ended without any CONNACK: the transport failed before MQTT could answer. */
export function expectNoConnack(outcomes: StepOutcomes, client: LabClient): void {
  const attempt = lastAttempt(outcomes, client);
  expect(attempt.connack, `${client.name} got a CONNACK from ${attempt.url}, so it reached an MQTT listener`).to.equal(undefined);
  expect(attempt.failure, `${client.name}'s attempt to connect to ${attempt.url} did not fail`).to.be.instanceOf(Error);
  expect(client.isConnected, `${client.name} is connected`).to.equal(false);
}
