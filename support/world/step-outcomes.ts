/**
 * Outcomes a When step keeps for the Then steps after it: what a publish, a connection
 * attempt, a broker start or a page load came to. One typed place per kind, so a reader sees
 * every such hand-over of the scenario here, and a Then step that finds none says so.
 */
import type { IConnackPacket } from 'mqtt';
import type WebSocket from 'ws';
import type { ProtocolVersion, PublishOutcome, QoS, TracedPacket, WirePacket } from '../clients/protocol-types';
import type { HttpAnswer } from '../clients/websockets';

/** A publish and its outcome (support/mqtt/publishing.ts). */
export interface PublishRecord {
  client: string;
  topic: string;
  payload: string | Buffer;
  qos: QoS;
  protocolVersion: ProtocolVersion;
  outcome: PublishOutcome;
  /** The client's trace from this publish on. */
  packets: () => TracedPacket[];
}

/**
 * A connection attempt that may fail below MQTT (support/clients/connection-attempts.ts): what
 * the client got, and the errors MQTT.js reported, with their codes.
 */
export interface ConnectionAttempt {
  url: string;
  connack?: IConnackPacket;
  /** Why the attempt failed, as the scenario client saw it. */
  failure?: Error;
  /** The errors MQTT.js emitted during the attempt (the node or TLS errors, codes included). */
  reported: (Error & { code?: string })[];
}

/** A broker start that may fail (steps/broker_steps.ts), and how long it took to end. */
export interface BrokerStartAttempt {
  error?: Error;
  seconds: number;
}

/** A publish with a Message Expiry Interval, and when the broker had it (ms since the epoch). */
export interface ExpiringPublish {
  intervalSeconds: number;
  /** Before the PUBLISH left: the broker cannot have started counting earlier. */
  sentAt: number;
  /** When its PUBACK was back: the broker had started counting by then. */
  acknowledgedAt: number;
}

export class StepOutcomes {
  /** The scenario's last publish through publishAndRecord. */
  lastPublish?: PublishRecord;
  /** Publishes with a message expiry, by "<topic>\n<payload>" (lab 7). */
  readonly expiringPublishes = new Map<string, ExpiringPublish>();
  /** Each client's last connection attempt that was allowed to fail, by client name. */
  readonly connectionAttempts = new Map<string, ConnectionAttempt>();
  /** The last "a broker is started with ..." (lab 1). */
  brokerStart?: BrokerStartAttempt;
  /** The PUBREC codes of QoS 2 publishes written by hand and never released (lab 7). */
  pubrecCodes?: number[];
  /** The PUBLISH packets, as they crossed the wire, of a publish through a topic alias (lab 7). */
  aliasPublishes?: WirePacket[];
  /** Where each $SYS watcher's inbox stood when it started watching, by client name (lab 8). */
  readonly sysBaselines = new Map<string, number>();
  /** The last HTTP answer of the broker's WebSockets listener (lab 11). */
  httpAnswer?: HttpAnswer;
  /** The WebSocket of a connection that asked for no subprotocol, once it opened (lab 11). */
  unansweredSocket?: () => WebSocket | undefined;
  /** Why a browser refused to load the dashboard page (lab 13). */
  refusedPage?: Error;
  /** The options a client without an id asked for, to come back with under its assigned id (lab 7). */
  assignedIdRequest?: { sessionExpiryInterval: number };
  /** How long each client's last timed login took, CONNECT to CONNACK, in ms, by client name (lab 18). */
  readonly loginTimes = new Map<string, number>();
  /** The durations of the last run of logins one after another, in ms (lab 18). */
  loginRun?: number[];
}
