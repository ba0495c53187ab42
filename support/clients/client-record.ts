/**
 * What a scenario client saw, kept across its connections: the messages it received, every
 * packet it sent and got (as MQTT.js reported them, and as they crossed the socket), and the
 * errors MQTT.js raised. The waits for a message or a packet read it; failure messages and the
 * report read it. LabClient (lab-client.ts) is the connection that fills it in.
 */
import { EventEmitter } from 'node:events';
import type { Packet } from 'mqtt';
import { PROMPTLY_MS, waitUntil } from '../sync/waiting';
import { deliveryContext, theClient } from './client-history';
import { describePacket, ObservedClient, ProtocolVersion, ReceivedMessage, TracedPacket, WirePacket } from './protocol-types';

let clientCounter = 0;

/**
 * A client id no other client of this run uses (two clients with one id kick each other off
 * the broker), readable in the broker's log: "the-smoke-detector-4711-3".
 */
export function newClientId(name: string): string {
  return `${name.replace(/\W+/g, '-')}-${process.pid}-${++clientCounter}`;
}

export abstract class ClientRecord implements ObservedClient {
  readonly inbox: ReceivedMessage[] = [];
  readonly trace: TracedPacket[] = [];
  /** The same traffic as `trace`, re-parsed from the socket's bytes (see WirePacket). */
  readonly wire: WirePacket[] = [];
  readonly errors: { error: Error; observed: boolean }[] = [];
  /** When a connection of this client last closed (ms since the epoch); kept across reconnects. */
  closedAt?: number;
  /** When the client was created (ms since the epoch): the zero of its trace and inbox times. */
  readonly createdAt = Date.now();
  /**
   * Every client of the scenario, this one included (LabWorld sets it): a failure about a message
   * that never arrived can then say who published it and what the broker answered.
   */
  peers: () => ObservedClient[] = () => [this];
  /** Emits 'change' whenever something is recorded: what the waits wake up on. */
  protected readonly changes = new EventEmitter();

  constructor(
    readonly name: string,
    readonly protocolVersion: ProtocolVersion,
  ) {
    this.changes.setMaxListeners(100);
  }

  abstract get isConnected(): boolean;

  /**
   * The first message in the inbox (of every connection of this client) that matches, waiting up to `timeoutMs`.
   * `description` names the message ("sunny" on public/weather); the failure says it never
   * arrived, and what the client was subscribed to and did receive meanwhile.
   */
  waitForMessage(description: string, predicate: (m: ReceivedMessage) => boolean, timeoutMs = PROMPTLY_MS, payload?: string): Promise<ReceivedMessage> {
    return this.waitFor(`${this.name} received ${description}`, timeoutMs, () => this.inbox.find(predicate), () =>
      `${theClient(this)} never received ${description} within ${timeoutMs} ms.\n${deliveryContext(this, this.inbox, predicate, payload)}`,
    );
  }

  /**
   * The message `payload` on exactly `topic`, the wait most steps make. Its failure also names a
   * publish of that payload under another topic (what a bridge should have carried here).
   */
  waitForPayload(payload: string, topic: string, timeoutMs = PROMPTLY_MS): Promise<ReceivedMessage> {
    return this.waitForMessage(`"${payload}" on ${topic}`, (m) => m.topic === topic && m.text === payload, timeoutMs, payload);
  }

  /** Waits until `count` messages match (for "exactly N" assertions, followed by a barrier). */
  waitForMessages(description: string, predicate: (m: ReceivedMessage) => boolean, count: number, timeoutMs = PROMPTLY_MS): Promise<ReceivedMessage[]> {
    return this.waitFor(
      `${this.name} received ${count} × ${description}`,
      timeoutMs,
      () => {
        const matching = this.inbox.filter(predicate);
        return matching.length >= count ? matching : undefined;
      },
      () => `${theClient(this)} received ${this.inbox.filter(predicate).length} of the ${count} ${description} within ${timeoutMs} ms.\n${deliveryContext(this)}`,
    );
  }

  /** The first traced packet that matches, waiting up to `timeoutMs`. */
  waitForPacket(description: string, predicate: (t: TracedPacket) => boolean, timeoutMs = PROMPTLY_MS): Promise<TracedPacket> {
    return this.waitFor(`${this.name} saw ${description}`, timeoutMs, () => this.trace.find(predicate));
  }

  /** Marks the errors so far as looked at by a step, and returns them. */
  observeErrors(): Error[] {
    const fresh = this.errors.filter((e) => !e.observed);
    fresh.forEach((e) => (e.observed = true));
    return fresh.map((e) => e.error);
  }

  unobservedErrors(): Error[] {
    return this.errors.filter((e) => !e.observed).map((e) => e.error);
  }

  /** One line per packet, for the report: "+12 ms  sent  PUBLISH qos=1 id=3 topic=a/b". */
  traceText(): string {
    return this.trace.map((t) => `+${String(t.at).padStart(6)} ms  ${t.direction.padEnd(8)}  ${describePacket(t.packet)}`).join('\n');
  }

  /** The reason code of the PUBACK or PUBREC for the first PUBLISH sent since trace entry `from` (0 if none). */
  protected acknowledgementCode(from: number): number {
    const sent = this.trace.slice(from).find((t) => t.direction === 'sent' && t.packet.cmd === 'publish');
    const messageId = (sent?.packet as { messageId?: number } | undefined)?.messageId;
    const isAck = (t: TracedPacket) => t.direction === 'received' && (t.packet.cmd === 'puback' || t.packet.cmd === 'pubrec') && (t.packet as { messageId?: number }).messageId === messageId;
    const ack = this.trace.slice(from).find(isAck);
    return (ack?.packet as { reasonCode?: number } | undefined)?.reasonCode ?? 0;
  }

  protected record(direction: TracedPacket['direction'], packet: Packet): void {
    this.trace.push({ direction, at: this.elapsed(), packet });
    this.changes.emit('change');
  }

  protected elapsed(): number {
    return Date.now() - this.createdAt;
  }

  protected waitFor<T>(description: string, timeoutMs: number, probe: () => T | undefined, onTimeout?: () => string): Promise<T> {
    return waitUntil(
      description,
      timeoutMs,
      probe,
      (onChange) => {
        this.changes.on('change', onChange);
        return () => this.changes.off('change', onChange);
      },
      onTimeout,
    );
  }}
