/**
 * Lab 5 support: the scenario's requesters and responders, built from the learner code in
 * labs/lab05/request-reply.ts, plus the requests they sent and how each one ended.
 */
import { Reply, Requester, RequestHandler, Responder } from '../../labs/lab05/request-reply';
import { PROMPTLY_MS } from '../sync/waiting';
import { LabWorld } from '../world/world';

/** How one request ended; a request never rejects into the void, it always becomes an outcome. */
export interface RequestOutcome {
  request: string;
  reply?: Reply;
  error?: Error;
  /** Milliseconds from sending the request to its end. */
  tookMs: number;
}

interface RequestReplyState {
  requesters: Map<string, Requester>;
  responders: Responder[];
  requests: Map<string, Promise<RequestOutcome>[]>;
  /** Why a client could not become a responder, by client name. */
  refusedResponders: Map<string, Error>;
}

const states = new WeakMap<LabWorld, RequestReplyState>();
function stateOf(world: LabWorld): RequestReplyState {
  let state = states.get(world);
  if (!state) {
    const created: RequestReplyState = { requesters: new Map(), responders: [], requests: new Map(), refusedResponders: new Map() };
    state = created;
    states.set(world, created);
    // Requesters hold timers and listeners: release them when the scenario ends. Registered
    // after the clients they use, so the World's teardown stack stops them before the clients
    // close. stop() drops listeners and pending timers at once; its UNSUBSCRIBE is not waited
    // for, since the client is closed right after (and a frozen broker would never answer).
    world.onTeardown(() => {
      for (const participant of [...created.requesters.values(), ...created.responders]) void participant.stop();
    });
  }
  return state;
}

/** The client's Requester, started (subscribed to its response topic) on first use. */
export async function requesterOf(world: LabWorld, name: string): Promise<Requester> {
  const state = stateOf(world);
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
  stateOf(world).responders.push(responder);
}

/**
 * Tries to make a client a responder over the connection it already has, whatever protocol it
 * speaks: a refusal is kept as the outcome for a Then step.
 */
export async function tryToStartResponder(world: LabWorld, name: string, requestFilter: string, handler: RequestHandler): Promise<void> {
  try {
    const responder = new Responder(world.existingClient(name).raw, requestFilter, handler);
    await responder.start();
    stateOf(world).responders.push(responder);
  } catch (error) {
    stateOf(world).refusedResponders.set(name, error as Error);
  }
}

/** Why the client could not become a responder; fails when it could. */
export function responderRefusal(world: LabWorld, name: string): Error {
  const refusal = stateOf(world).refusedResponders.get(name);
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
  const requests = stateOf(world).requests;
  requests.set(name, [...(requests.get(name) ?? []), outcome]);
}

/** How the client's requests ended, in the order they were sent. */
export async function outcomesOf(world: LabWorld, name: string): Promise<RequestOutcome[]> {
  const requests = stateOf(world).requests.get(name);
  if (!requests?.length) throw new Error(`${name} has sent no request in this scenario`);
  return Promise.all(requests);
}
