/**
 * Lab 5 support: the scenario's requesters and responders, built from the learner code in
 * labs/lab05/request-reply.ts, plus the requests they sent and how each one ended. The World
 * holds them (world.requestReply) and stops them when the scenario ends, before the clients they
 * use close (the 'apps' phase of its teardown).
 */
import { Requester, RequestHandler, Responder } from '../../labs/lab05/request-reply';
import { PROMPTLY_MS } from '../sync/waiting';
import { LabWorld } from '../world/world';
import type { RequestOutcome } from '../world/lesson-state';

export type { RequestOutcome } from '../world/lesson-state';

/** The client's Requester, started (subscribed to its response topic) on first use. */
export async function requesterOf(world: LabWorld, name: string): Promise<Requester> {
  const state = world.requestReply;
  let requester = state.requesters.get(name);
  if (!requester) {
    requester = new Requester((await world.connectedClient(name, 5)).raw, { timeoutMs: PROMPTLY_MS });
    await requester.start();
    state.requesters.set(name, requester);
  }
  return requester;
}

export async function startResponder(world: LabWorld, name: string, requestFilter: string, handler: RequestHandler): Promise<void> {
  const responder = new Responder((await world.connectedClient(name, 5)).raw, requestFilter, handler);
  await responder.start();
  world.requestReply.responders.push(responder);
}

/**
 * Tries to make a client a responder over the connection it already has, whatever protocol it
 * speaks: a refusal is kept as the outcome for a Then step.
 */
export async function tryToStartResponder(world: LabWorld, name: string, requestFilter: string, handler: RequestHandler): Promise<void> {
  try {
    const responder = new Responder(world.existingClient(name).raw, requestFilter, handler);
    await responder.start();
    world.requestReply.responders.push(responder);
  } catch (error) {
    world.requestReply.refusedResponders.set(name, error as Error);
  }
}

/** Why the client could not become a responder; fails when it could. */
export function responderRefusal(world: LabWorld, name: string): Error {
  const refusal = world.requestReply.refusedResponders.get(name);
  if (!refusal) throw new Error(`${name} became a responder, although it was expected to be refused`);
  return refusal;
}

/** The square service: the answer to "3" is "9". */
export const square: RequestHandler = (request) => String(Number(request.text) ** 2);

/**
 * A handler that holds requests until `count` are waiting and then answers them last-first, so
 * the answers cross each other on the way back: only correlation data can sort them out.
 */
export function answeredInReverseOnceWaiting(count: number, answer: RequestHandler): RequestHandler {
  const waiting: (() => void)[] = [];
  return (request) =>
    new Promise((resolve, reject) => {
      waiting.push(() => Promise.resolve(answer(request)).then(resolve, reject));
      if (waiting.length === count) waiting.reverse().forEach((release) => release());
    });
}

/** Sends a request without waiting for its answer; the outcome is kept for the Then steps. */
export async function sendRequest(world: LabWorld, name: string, topic: string, payload: string, timeoutMs?: number): Promise<void> {
  const requester = await requesterOf(world, name);
  const sentAt = Date.now();
  const outcome = requester.request(topic, payload, timeoutMs === undefined ? {} : { timeoutMs }).then(
    (reply) => ({ request: payload, reply, tookMs: Date.now() - sentAt }),
    (error: Error) => ({ request: payload, error, tookMs: Date.now() - sentAt }),
  );
  const requests = world.requestReply.requests;
  requests.set(name, [...(requests.get(name) ?? []), outcome]);
}

/** How the client's requests ended, in the order they were sent. */
export async function outcomesOf(world: LabWorld, name: string): Promise<RequestOutcome[]> {
  const requests = world.requestReply.requests.get(name);
  if (!requests?.length) throw new Error(`${name} has sent no request in this scenario`);
  return Promise.all(requests);
}
