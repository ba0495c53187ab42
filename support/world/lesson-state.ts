/**
 * What the lessons keep about a scenario while it runs, as types the World's fields use: the
 * lab code it started (state stores, requesters and responders), the wills its clients left,
 * the faults it caused, the clients it silenced. The support modules that fill them in
 * (support/mqtt/, support/brokers/faults.ts) say what each means for the lesson.
 */
import type { RetainedStateStore } from '../../labs/lab10/retained-state-store';
import type { Reply, Requester, Responder } from '../../labs/lab05/request-reply';
import type { LabClient } from '../clients/lab-client';

/** A state store (labs/lab10) a service of the scenario started (support/mqtt/state-stores.ts). */
export interface StartedStore {
  store: RetainedStateStore;
  client: LabClient;
  /** The snapshot start() resolved with, copied at that moment. */
  loaded: ReadonlyMap<string, string>;
}

/** How one request ended; a request never rejects into the void, it always becomes an outcome. */
export interface RequestOutcome {
  request: string;
  reply?: Reply;
  error?: Error;
  /** Milliseconds from sending the request to its end. */
  tookMs: number;
}

/** Lab 5's requesters and responders (support/mqtt/request-reply.ts) and what became of their requests. */
export class RequestReplyParticipants {
  readonly requesters = new Map<string, Requester>();
  readonly responders: Responder[] = [];
  /** The outcome of each request, by the name of the client that sent it, in order. */
  readonly requests = new Map<string, Promise<RequestOutcome>[]>();
  /** Why a client could not become a responder, by client name. */
  readonly refusedResponders = new Map<string, Error>();

  /**
   * Requesters and responders hold timers and listeners. stop() drops them at once; its
   * UNSUBSCRIBE is not waited for, since the client is closed right after (and a frozen
   * broker would never answer).
   */
  stopAll(): void {
    for (const participant of [...this.requesters.values(), ...this.responders]) void participant.stop();
  }
}

/** A client that fell silent (support/mqtt/keepalive.ts). */
export interface Silence {
  /** When the silent client sent its last packet (ms since the epoch). */
  since: number;
  /** Where each client's packet trace stood at that moment. */
  traceMarks: Map<LabClient, number>;
}

export type Fault = 'stopped' | 'killed' | 'paused' | 'started again' | 'unpaused' | 'cut off' | 'reconnected';

export interface FaultRecord {
  broker: string;
  fault: Fault;
  /** ms since the epoch when the fault call returned. */
  at: number;
  /** ms since the epoch when the fault call began (a kill: the moment the signal went out), where recorded. */
  startedAt?: number;
}

/** The faults the scenario caused on its brokers (support/brokers/faults.ts), in order. */
export class FaultLog {
  readonly records: FaultRecord[] = [];
  /** The broker each client was connected to when a fault cut it off, by client name. */
  readonly cutOffFrom = new Map<string, string>();
}

/** Where each bridge with several addresses is connected now, by "<local broker>/<connection>". */
export type BridgeRoutes = Map<string, string>;

/** What a lab 14 scenario keeps between its steps (world.highAvailability). */
export class HighAvailabilityState {
  failoverMark = 0;
  brokerOrder?: string[];
  /** The client that published numbered messages with ids ("sensor": ids "sensor:1", ...). */
  idPublisher?: string;
  /** How many messages the fan-out publisher published in a stream (the zero-downtime proof). */
  streamed?: number;
  /** Each broker's $SYS counter when the operator started watching it. */
  readonly counterBaselines = new Map<string, number>();
}
