/**
 * What a scenario client records about MQTT, as plain types: the messages it received, the
 * packets it sent and got, the outcome of a publish. The client (lab-client.ts) fills them in;
 * failure messages (client-history.ts), reason-code names and the report read them. Kept in a
 * module of their own so that those readers need not import the client itself.
 */
import type { IPublishPacket, Packet } from 'mqtt';

export type ProtocolVersion = 4 | 5;
export type QoS = 0 | 1 | 2;

export interface ReceivedMessage {
  topic: string;
  payload: Buffer;
  text: string;
  qos: QoS;
  retain: boolean;
  dup: boolean;
  properties: IPublishPacket['properties'];
  /** Milliseconds since the client was created. */
  at: number;
}

export interface TracedPacket {
  direction: 'sent' | 'received';
  at: number;
  packet: Packet;
}

/**
 * A packet as it crossed the wire: parsed again with mqtt-packet from the bytes written to or
 * read from the socket, so it shows what the peer saw, not what a library meant to send.
 */
export interface WirePacket {
  direction: 'sent' | 'received';
  at: number;
  packet: Packet;
  /** The whole packet on the wire: fixed header, remaining length field and the rest. */
  bytes: number;
  /** The Remaining Length the fixed header announced (everything after the fixed header). */
  remainingLength: number;
  /** Where the connection that carried it went (the URL of that connect()). */
  url: string;
  /**
   * Its place among the wire packets of every client of this process: the order in which this
   * process saw them, which puts a PUBLISH before the copy another client received of it even
   * within one millisecond (the sequence diagram of the report is drawn in this order).
   */
  seen: number;
}

export interface PublishOutcome {
  /** The reason code of the PUBACK/PUBREC (0 = success; v3.1.1 acks carry none). */
  reasonCode: number;
  error?: Error;
}

/** A CONNACK that refused the connection: 5 "not authorised" (v3.1.1) or 0x87 (v5), and so on. */
export class ConnectRefused extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * What a failure message may read of a scenario client: its name, what it received and traced,
 * whether it is connected, and the other clients of its scenario (LabClient is one).
 */
export interface ObservedClient {
  readonly name: string;
  readonly protocolVersion: ProtocolVersion;
  readonly inbox: ReceivedMessage[];
  readonly trace: TracedPacket[];
  readonly isConnected: boolean;
  /** When a connection of this client last closed (ms since the epoch). */
  readonly closedAt?: number;
  /** Every client of the scenario, this one included. */
  peers(): ObservedClient[];
}

/** A short human-readable form of a packet for traces. */
export function describePacket(packet: Packet): string {
  const p = packet as unknown as Record<string, unknown>;
  const parts = [String(packet.cmd).toUpperCase()];
  for (const key of ['qos', 'messageId', 'topic', 'retain', 'dup', 'returnCode', 'reasonCode', 'sessionPresent', 'clean', 'keepalive', 'clientId', 'username', 'subscriptions', 'unsubscriptions', 'granted']) {
    const value = p[key];
    if (value === undefined || value === null || value === false || (key === 'qos' && value === 0)) continue;
    parts.push(`${key}=${Array.isArray(value) ? JSON.stringify(value) : String(value)}`);
  }
  if (p.payload !== undefined && packet.cmd === 'publish') parts.push(`payload=${JSON.stringify(String(p.payload)).slice(0, 60)}`);
  if (p.properties) parts.push(`properties=${JSON.stringify(p.properties)}`);
  if (p.length !== undefined) parts.push(`(${p.length} bytes)`);
  return parts.join(' ');
}
