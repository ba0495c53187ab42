/**
 * A named MQTT.js client for scenarios: it keeps an inbox of received messages, a trace of
 * every MQTT packet sent and received (the report shows it when a scenario fails), and the
 * errors MQTT.js raised, so that an error no step looked at can fail the scenario.
 */
import { EventEmitter } from 'node:events';
import type { Duplex } from 'node:stream';
import mqtt, {
  IClientOptions,
  IClientPublishOptions,
  IClientSubscribeOptions,
  IConnackPacket,
  IPublishPacket,
  ISubscriptionGrant,
  MqttClient,
  Packet,
} from 'mqtt';
import { parser as mqttParser } from 'mqtt-packet';
import { PROMPTLY_MS, WaitTimeout, waitUntil } from '../sync/waiting';
import { deliveryContext, theClient } from './client-history';
import { describeCode } from '../mqtt/reason-codes';

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

let wireCounter = 0;

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

let clientCounter = 0;

/**
 * A client id no other client of this run uses (two clients with one id kick each other off
 * the broker), readable in the broker's log: "the-smoke-detector-4711-3".
 */
export function newClientId(name: string): string {
  return `${name.replace(/\W+/g, '-')}-${process.pid}-${++clientCounter}`;
}

export class LabClient {
  readonly inbox: ReceivedMessage[] = [];
  readonly trace: TracedPacket[] = [];
  /** The same traffic as `trace`, re-parsed from the socket's bytes (see WirePacket). */
  readonly wire: WirePacket[] = [];
  readonly errors: { error: Error; observed: boolean }[] = [];
  lastConnack?: IConnackPacket;
  /** When a connection of this client last closed (ms since the epoch); kept across reconnects. */
  closedAt?: number;
  /** The URL of the latest connection: which broker this client talks to (fault steps). */
  connectedUrl?: string;
  /** A stable MQTT client id per scenario client: what makes a durable session resumable. */
  readonly clientId: string;
  /**
   * Every client of the scenario, this one included (LabWorld sets it): a failure about a message
   * that never arrived can then say who published it and what the broker answered.
   */
  peers: () => LabClient[] = () => [this];
  private mqttClient?: MqttClient;
  private readonly changes = new EventEmitter();
  /** When the client was created (ms since the epoch): the zero of its trace and inbox times. */
  readonly createdAt = Date.now();
  private open = false;
  /**
   * What happens to this connection's acknowledgements on the way out. 'lose': the packets of
   * the listed kinds (PUBACK and PUBREC, or PUBCOMP alone, ...) never reach the socket, while
   * MQTT.js handles every incoming packet as usual (messages, PINGRESPs, DISCONNECTs keep
   * flowing) and believes it answered: the broker keeps the message unacknowledged and resends
   * it (or its PUBREL) on the next connection. 'hold': PUBACKs and PUBRECs wait in `heldAcks`
   * until releaseAcknowledgements() writes them, as a slow application would acknowledge late.
   * Reset by each connect().
   */
  private ackFault?: { action: 'lose' | 'hold'; kinds: ReadonlySet<string> };
  private heldAcks: Packet[] = [];
  /** The current connection's own packet writer, past the ack fault (for releasing held acks). */
  private writeThrough?: (packet: Packet) => void;

  constructor(
    readonly name: string,
    readonly protocolVersion: ProtocolVersion,
    /** The options every connection of this client uses (client id, session expiry, ...). */
    readonly baseOptions: IClientOptions = {},
  ) {
    this.clientId = baseOptions.clientId ?? newClientId(name);
    this.changes.setMaxListeners(100);
  }

  /** The code of the latest CONNACK: 0 accepted, else why it was refused. */
  get lastConnackCode(): number | undefined {
    return this.lastConnack ? this.lastConnack.reasonCode ?? this.lastConnack.returnCode ?? 0 : undefined;
  }

  get isConnected(): boolean {
    return this.open && (this.mqttClient?.connected ?? false);
  }

  /** The MQTT.js client itself, for steps that show its API directly. */
  get raw(): MqttClient {
    if (!this.mqttClient) throw new Error(`${this.name} has not connected yet`);
    return this.mqttClient;
  }

  /**
   * Opens a connection and resolves with the CONNACK. A refusing CONNACK rejects with
   * ConnectRefused; `extra` options apply to this connection only (clean, will, properties, ...).
   * `reconnectPeriod: 0` keeps MQTT.js from reconnecting on its own, so "disconnected" stays true.
   */
  async connect(url: string, extra: IClientOptions = {}): Promise<IConnackPacket> {
    if (this.mqttClient) this.retire(this.mqttClient);
    this.lastConnack = undefined;
    this.ackFault = undefined;
    this.heldAcks = [];
    const client = mqtt.connect(url, {
      protocolVersion: this.protocolVersion,
      clientId: this.clientId,
      reconnectPeriod: 0,
      connectTimeout: 5_000,
      ...this.baseOptions,
      ...extra,
      // Listeners first, then connect: MQTT.js writes CONNECT synchronously inside connect(),
      // and the trace should show it.
      manualConnect: true,
    });
    this.mqttClient = client;
    this.connectedUrl = url;
    this.open = true;
    const traceFrom = this.trace.length;
    // Each listener checks that `client` is still this LabClient's connection: once a reconnect
    // has replaced it (see retire), its late events belong to no one.
    const current = () => this.mqttClient === client;
    client.on('packetsend', (packet) => current() && this.record('sent', packet));
    client.on('packetreceive', (packet) => current() && this.record('received', packet));
    client.on('message', (topic, payload, packet) => {
      if (!current()) return;
      this.inbox.push({
        topic,
        payload,
        text: payload.toString(),
        qos: packet.qos,
        retain: packet.retain,
        dup: packet.dup,
        properties: packet.properties,
        at: this.elapsed(),
      });
      this.changes.emit('change');
    });
    this.tapTheWire(client);
    this.loseAcksWhileAsked(client);
    client.on('error', (error) => {
      // A replaced connection's late error (a socket reset, a keepalive timeout) is nobody's.
      if (!current()) return;
      this.errors.push({ error, observed: false });
      this.changes.emit('change');
    });
    client.on('close', () => {
      if (!current()) return;
      this.open = false;
      this.closedAt = Date.now();
      this.changes.emit('change');
    });
    client.connect();

    const outcome = await this.waitFor(`${this.name} got a CONNACK or lost its connection`, 6_000, () => {
      const connack = this.trace.slice(traceFrom).find((t) => t.packet.cmd === 'connack');
      if (connack) return connack.packet as IConnackPacket;
      if (!this.open) return 'closed' as const;
      return undefined;
    });
    if (outcome === 'closed') {
      const cause = this.observeErrors()[0];
      throw new Error(`${this.name} could not connect to ${url}: ${cause?.message ?? 'the connection closed before a CONNACK'}`);
    }
    this.lastConnack = outcome;
    const code = outcome.reasonCode ?? outcome.returnCode ?? 0;
    if (code !== 0) {
      // MQTT.js reports a refusing CONNACK as an error event too: this step has looked at it.
      await this.waitFor(`${this.name} closed after its refused CONNACK`, PROMPTLY_MS, () => (this.open ? undefined : true));
      this.observeErrors();
      throw new ConnectRefused(code, `The broker refused ${theClient(this)}'s CONNECT: CONNACK ${describeCode(code, 'CONNACK', this.protocolVersion)}`);
    }
    return outcome;
  }

  /** Connects where the broker is expected to refuse; resolves with the CONNACK code. */
  async connectExpectingRefusal(url: string, extra: IClientOptions = {}): Promise<number> {
    try {
      await this.connect(url, extra);
    } catch (error) {
      if (error instanceof ConnectRefused) return error.code;
      throw error;
    }
    throw new Error(`${this.name} expected the broker to refuse the connection, but it was accepted`);
  }

  async subscribe(filter: string | string[], options: IClientSubscribeOptions = { qos: 0 }): Promise<ISubscriptionGrant[]> {
    return this.raw.subscribeAsync(filter, options);
  }

  async unsubscribe(filter: string): Promise<void> {
    await this.raw.unsubscribeAsync(filter);
  }

  /**
   * Publishes and resolves when the QoS handshake ends (at once for QoS 0). A v5 broker may
   * answer with an error reason code (0x87 not authorised, ...): that is an outcome, not a throw.
   * So is a handshake that does not end: a broker that hangs up, or an acknowledgement MQTT.js
   * cannot parse (it then stops reading), resolves with an error after at most `ackTimeoutMs`.
   */
  publish(topic: string, payload: string | Buffer, options: IClientPublishOptions = {}, ackTimeoutMs = PROMPTLY_MS): Promise<PublishOutcome> {
    const from = this.trace.length;
    const failure = (what: string): PublishOutcome => {
      const reported = this.observeErrors().map((e) => e.message);
      return { reasonCode: -1, error: new Error(`${what}${reported.length ? `; MQTT.js reported: ${reported.join('; ')}` : ''}`) };
    };
    let acknowledged: PublishOutcome | undefined;
    let onAcknowledged = () => {};
    this.raw.publish(topic, payload, options, (error) => {
      // The reason code is read from the broker's PUBACK or PUBREC in the trace: MQTT.js
      // hands the callback the PUBLISH, and turns only codes >= 0x80 into an error.
      const sent = this.trace.slice(from).find((t) => t.direction === 'sent' && t.packet.cmd === 'publish');
      const messageId = (sent?.packet as { messageId?: number } | undefined)?.messageId;
      const ack = this.trace
        .slice(from)
        .find((t) => t.direction === 'received' && (t.packet.cmd === 'puback' || t.packet.cmd === 'pubrec') && (t.packet as { messageId?: number }).messageId === messageId);
      acknowledged = { reasonCode: (ack?.packet as { reasonCode?: number } | undefined)?.reasonCode ?? 0, error: error ?? undefined };
      onAcknowledged();
    });
    // MQTT.js keeps an unacknowledged QoS 1/2 message for a later reconnect and does not call
    // back when the connection closes; a broker that hangs up must still end the step.
    let changedSincePublish = false;
    return waitUntil(
      `${theClient(this)}'s publish to ${topic} was acknowledged`,
      ackTimeoutMs,
      () => acknowledged ?? (changedSincePublish && !this.open ? failure(`the broker closed ${theClient(this)}'s connection before it acknowledged the publish to ${topic}`) : undefined),
      (onChange) => {
        const onClientChange = () => {
          changedSincePublish = true;
          onChange();
        };
        onAcknowledged = onChange;
        this.changes.on('change', onClientChange);
        return () => this.changes.off('change', onClientChange);
      },
    ).catch((error: Error) => {
      if (error instanceof WaitTimeout) return failure(`${theClient(this)}'s publish to ${topic} got no acknowledgement within ${ackTimeoutMs} ms`);
      throw error;
    });
  }

  /**
   * The first message in the inbox (since connect) that matches, waiting up to `timeoutMs`.
   * `description` names the message ("sunny" on public/weather); the failure says it never
   * arrived, and what the client was subscribed to and did receive meanwhile.
   */
  waitForMessage(description: string, predicate: (m: ReceivedMessage) => boolean, timeoutMs = PROMPTLY_MS): Promise<ReceivedMessage> {
    return this.waitFor(`${this.name} received ${description}`, timeoutMs, () => this.inbox.find(predicate), () =>
      `${theClient(this)} never received ${description} within ${timeoutMs} ms.\n${deliveryContext(this, this.inbox, predicate)}`,
    );
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

  /** Resolves once the connection is closed (by the broker, the network or us). */
  waitForClose(timeoutMs: number): Promise<true> {
    return this.waitFor(`${this.name}'s connection closed`, timeoutMs, () => (this.open ? undefined : true));
  }

  /**
   * A PINGREQ/PINGRESP round trip. Mosquitto handles the packets of one connection in order
   * and queues its answers in order, so once the PINGRESP is back, every packet this client
   * sent earlier has been processed, and everything the broker queued for it earlier has
   * arrived. Two rounds over all clients make a barrier that proves an absence without a sleep.
   */
  async roundTrip(): Promise<void> {
    this.expectConnected('a PINGREQ round trip');
    const from = this.trace.length;
    this.raw.sendPing();
    await this.waitFor(`${this.name} got a PINGRESP`, PROMPTLY_MS, () => {
      if (!this.open) this.expectConnected('the PINGREQ it had just sent');
      return this.trace.slice(from).find((t) => t.packet.cmd === 'pingresp');
    });
  }

  /**
   * Fails loudly unless the client is connected now. An absence ("receives nothing") is only
   * proven on a live connection: a subscriber the broker dropped receives nothing either.
   */
  expectConnected(purpose: string): void {
    if (this.isConnected) return;
    if (this.closedAt === undefined) throw new Error(`${this.name} is not connected (it never was), so ${purpose} proves nothing`);
    const ago = Date.now() - this.closedAt;
    throw new Error(
      `${this.name} is not connected, so ${purpose} proves nothing: its connection closed ${ago} ms ago ` +
        `(+${this.closedAt - this.createdAt} ms in its packet trace)`,
    );
  }

  /**
   * From now until this connection ends, the client's packets of these kinds (by default its
   * PUBACKs and PUBRECs) are lost on the way to the broker (see `ackFault`); a reconnect
   * acknowledges normally again.
   */
  loseAcknowledgements(kinds: Packet['cmd'][] = ['puback', 'pubrec']): void {
    if (!this.isConnected) throw new Error(`${this.name} must be connected to lose its acknowledgements`);
    this.ackFault = { action: 'lose', kinds: new Set(kinds) };
  }

  /** From now on, PUBACKs and PUBRECs wait until releaseAcknowledgements() (see `ackFault`). */
  holdAcknowledgements(): void {
    if (!this.isConnected) throw new Error(`${this.name} must be connected to hold back its acknowledgements`);
    this.ackFault = { action: 'hold', kinds: new Set(['puback', 'pubrec']) };
  }

  /** Writes the held acknowledgements, oldest first, and acknowledges at once from then on. */
  releaseAcknowledgements(): number {
    if (this.ackFault?.action !== 'hold') throw new Error(`${this.name} is not holding back its acknowledgements`);
    this.expectConnected('sending the acknowledgements it held back');
    const held = this.heldAcks.splice(0);
    this.ackFault = undefined;
    for (const packet of held) this.writeThrough!(packet);
    return held.length;
  }

  /** A clean goodbye: DISCONNECT, then close. The broker discards the will. */
  async disconnect(): Promise<void> {
    if (!this.mqttClient || !this.open) return;
    await this.mqttClient.endAsync();
    await this.waitForClose(PROMPTLY_MS);
  }

  /** The network dies under the client: the socket closes with no DISCONNECT packet. */
  async dropConnection(): Promise<void> {
    if (!this.mqttClient || !this.open) return;
    this.mqttClient.stream.destroy();
    await this.waitForClose(PROMPTLY_MS);
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

  /** Closes whatever is left at the end of a scenario, without waiting for the broker. */
  close(): void {
    this.mqttClient?.end(true);
  }

  /** One line per packet, for the report: "+12 ms  sent  PUBLISH qos=1 id=3 topic=a/b". */
  traceText(): string {
    return this.trace.map((t) => `+${String(t.at).padStart(6)} ms  ${t.direction.padEnd(8)}  ${describePacket(t.packet)}`).join('\n');
  }

  /**
   * Ends a connection this client no longer uses before a new one replaces it: its socket and
   * keepalive timer go, and a late error of the old socket is ignored (our 'error' listener
   * stays, so MQTT.js never throws it as an unhandled 'error' event).
   */
  private retire(old: MqttClient): void {
    // MQTT.js's own bookkeeping hangs on the client's events too ('close' clears its keepalive
    // timer), so the listeners stay; ours ignore a client that is no longer current.
    if (this.open) {
      this.open = false;
      this.closedAt = Date.now();
    }
    old.end(true);
  }

  /**
   * Copies every byte the socket writes and reads into two mqtt-packet parsers: `wire` then
   * holds the packets as they crossed the network, with their size. The stream is wrapped as
   * MQTT.js builds it, before CONNECT is written.
   */
  private tapTheWire(client: MqttClient): void {
    const internals = client as unknown as { streamBuilder: (c: MqttClient) => Duplex };
    const build = internals.streamBuilder;
    internals.streamBuilder = (c) => {
      const stream = build(c);
      const outgoing = this.wireParser('sent', client);
      const incoming = this.wireParser('received', client);
      const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
      stream.write = ((chunk: unknown, ...rest: unknown[]) => {
        if (this.mqttClient === client) outgoing(chunk, typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : undefined);
        return write(chunk, ...rest);
      }) as typeof stream.write;
      stream.on('data', (chunk: Buffer) => {
        if (this.mqttClient === client) incoming(chunk);
      });
      return stream;
    };
  }

  private wireParser(direction: WirePacket['direction'], client: MqttClient): (chunk: unknown, encoding?: BufferEncoding) => void {
    const parser = mqttParser({ protocolVersion: this.protocolVersion });
    const url = this.connectedUrl ?? '';
    parser.on('packet', (packet: Packet) => {
      const remainingLength = (packet as { length?: number }).length ?? 0;
      const lengthField = remainingLength < 128 ? 1 : remainingLength < 16_384 ? 2 : remainingLength < 2_097_152 ? 3 : 4;
      this.wire.push({ direction, at: this.elapsed(), packet, bytes: 1 + lengthField + remainingLength, remainingLength, url, seen: ++wireCounter });
    });
    // Bytes MQTT.js itself cannot parse are reported by MQTT.js; the tap just stops there.
    parser.on('error', () => undefined);
    return (chunk, encoding) => {
      if (this.mqttClient !== client) return;
      parser.parse(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), encoding));
    };
  }

  /**
   * Drops or holds acknowledgement writes while `ackFault` says so, telling MQTT.js at once that
   * they went out: MQTT.js handles incoming packets one after the other and waits for each
   * answer's write, so a callback held back would stall everything behind it.
   */
  private loseAcksWhileAsked(client: MqttClient): void {
    const internals = client as unknown as { _writePacket: (packet: Packet, cb?: () => void) => void };
    const writePacket = internals._writePacket.bind(client);
    this.writeThrough = (packet) => {
      if (this.mqttClient === client) writePacket(packet);
    };
    internals._writePacket = (packet, cb) => {
      const fault = this.ackFault;
      if (fault && fault.kinds.has(packet.cmd)) {
        if (fault.action === 'hold') this.heldAcks.push(packet);
        cb?.();
        return;
      }
      writePacket(packet, cb);
    };
  }

  private record(direction: TracedPacket['direction'], packet: Packet): void {
    this.trace.push({ direction, at: this.elapsed(), packet });
    this.changes.emit('change');
  }

  private elapsed(): number {
    return Date.now() - this.createdAt;
  }

  private waitFor<T>(description: string, timeoutMs: number, probe: () => T | undefined, onTimeout?: () => string): Promise<T> {
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
  }
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
