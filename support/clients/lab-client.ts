/**
 * A named MQTT.js client for scenarios: it keeps an inbox of received messages, a trace of
 * every MQTT packet sent and received (the report shows it when a scenario fails), and the
 * errors MQTT.js raised, so that an error no step looked at can fail the scenario. Its parts
 * live beside it: the types it records (protocol-types.ts), the tap that re-reads its packets
 * from the socket (wire-tap.ts), and the faults it can put on its acknowledgements
 * (acknowledgement-faults.ts).
 */
import mqtt, { IClientOptions, IClientPublishOptions, IClientSubscribeOptions, IConnackPacket, ISubscriptionGrant, MqttClient, Packet } from 'mqtt';
import { PROMPTLY_MS, WaitTimeout, waitUntil } from '../sync/waiting';
import { theClient } from './client-history';
import { ClientRecord, newClientId } from './client-record';
import { describeCode } from '../mqtt/reason-codes';
import { ConnectRefused, ProtocolVersion, PublishOutcome } from './protocol-types';
import { tapTheWire } from './wire-tap';
import { AcknowledgementFaults } from './acknowledgement-faults';

export type { ProtocolVersion, QoS, ReceivedMessage, TracedPacket, WirePacket, PublishOutcome, ObservedClient } from './protocol-types';
export { ConnectRefused, describePacket } from './protocol-types';
export { newClientId } from './client-record';

/** How long MQTT.js tries to get a CONNACK before it gives up and closes the connection. */
const CONNECT_TIMEOUT_MS = 5_000;
/**
 * How long connect() waits for the CONNACK or the close: a second past MQTT.js's own
 * connectTimeout, so that a broker that never answers ends in MQTT.js's error, which names the
 * cause, rather than in a bare timeout of ours.
 */
const CONNACK_WAIT_MS = CONNECT_TIMEOUT_MS + 1_000;

export class LabClient extends ClientRecord {
  lastConnack?: IConnackPacket;
  /** The URL of the latest connection: which broker this client talks to (fault steps). */
  connectedUrl?: string;
  /** A stable MQTT client id per scenario client: what makes a durable session resumable. */
  readonly clientId: string;
  private mqttClient?: MqttClient;
  private open = false;
  /** What happens to this connection's acknowledgements on the way out (lose, hold); reset by connect(). */
  private readonly ackFaults = new AcknowledgementFaults();

  constructor(
    name: string,
    protocolVersion: ProtocolVersion,
    /** The options every connection of this client uses (client id, session expiry, ...). */
    readonly baseOptions: IClientOptions = {},
  ) {
    super(name, protocolVersion);
    this.clientId = baseOptions.clientId ?? newClientId(name);
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
    const traceFrom = this.trace.length;
    this.startConnection(url, extra);
    const outcome = await this.waitFor(`${this.name} got a CONNACK or lost its connection`, CONNACK_WAIT_MS, () => {
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
    if (code !== 0) await this.refused(code);
    return outcome;
  }

  /** Replaces any earlier connection by a new one to `url`, listened to before CONNECT is written. */
  private startConnection(url: string, extra: IClientOptions): void {
    if (this.mqttClient) this.retire(this.mqttClient);
    this.lastConnack = undefined;
    this.ackFaults.reset();
    const client = mqtt.connect(url, {
      protocolVersion: this.protocolVersion,
      clientId: this.clientId,
      reconnectPeriod: 0,
      connectTimeout: CONNECT_TIMEOUT_MS,
      ...this.baseOptions,
      ...extra,
      // Listeners first, then connect: MQTT.js writes CONNECT synchronously inside connect(),
      // and the trace should show it.
      manualConnect: true,
    });
    this.mqttClient = client;
    this.connectedUrl = url;
    this.open = true;
    // Each listener checks that `client` is still this LabClient's connection: once a reconnect
    // has replaced it (see retire), its late events belong to no one.
    const current = () => this.mqttClient === client;
    this.listenTo(client, current);
    tapTheWire(client, { protocolVersion: this.protocolVersion, url, isCurrent: current, elapsed: () => this.elapsed(), wire: this.wire });
    this.ackFaults.install(client, current);
    client.connect();
  }

  /** Records the connection's packets, messages, errors and close while it is the current one. */
  private listenTo(client: MqttClient, current: () => boolean): void {
    client.on('packetsend', (packet) => current() && this.record('sent', packet));
    client.on('packetreceive', (packet) => current() && this.record('received', packet));
    client.on('message', (topic, payload, packet) => {
      if (!current()) return;
      const { qos, retain, dup, properties } = packet;
      this.inbox.push({ topic, payload, text: payload.toString(), qos, retain, dup, properties, at: this.elapsed() });
      this.changes.emit('change');
    });
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
  }

  /** After a refusing CONNACK: waits for the close, and rejects with the code in words. */
  private async refused(code: number): Promise<never> {
    // MQTT.js reports a refusing CONNACK as an error event too: this step has looked at it.
    await this.waitFor(`${this.name} closed after its refused CONNACK`, PROMPTLY_MS, () => (this.open ? undefined : true));
    this.observeErrors();
    throw new ConnectRefused(code, `The broker refused ${theClient(this)}'s CONNECT: CONNACK ${describeCode(code, 'CONNACK', this.protocolVersion)}`);
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
      acknowledged = { reasonCode: this.acknowledgementCode(from), error: error ?? undefined };
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
   * PUBACKs and PUBRECs) are lost on the way to the broker (see acknowledgement-faults.ts); a reconnect
   * acknowledges normally again.
   */
  loseAcknowledgements(kinds: Packet['cmd'][] = ['puback', 'pubrec']): void {
    if (!this.isConnected) throw new Error(`${this.name} must be connected to lose its acknowledgements`);
    this.ackFaults.lose(kinds);
  }

  /** From now on, PUBACKs and PUBRECs wait until releaseAcknowledgements() (see acknowledgement-faults.ts). */
  holdAcknowledgements(): void {
    if (!this.isConnected) throw new Error(`${this.name} must be connected to hold back its acknowledgements`);
    this.ackFaults.hold();
  }

  /** Writes the held acknowledgements, oldest first, and acknowledges at once from then on. */
  releaseAcknowledgements(): number {
    if (!this.ackFaults.holding) throw new Error(`${this.name} is not holding back its acknowledgements`);
    this.expectConnected('sending the acknowledgements it held back');
    return this.ackFaults.release();
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

  /** Closes whatever is left at the end of a scenario, without waiting for the broker. */
  close(): void {
    this.mqttClient?.end(true);
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
}
