/**
 * Lab 14: the fan-out publisher. Open-source Mosquitto has no clustering: two brokers share
 * nothing, not a session, not a message. So the publisher writes every message to EVERY broker
 * of its list, over one connection per broker, all open at once. A subscriber on any of them
 * (or one that moves between them, failover.ts) finds every message there.
 *
 * What it promises, and how:
 *  - It keeps going while some brokers are down: a broker that is not connected is skipped and
 *    named in the result; MQTT.js reconnects to it by itself (every `reconnectPeriodMs`) and it
 *    takes the next messages once it is back. Nothing is queued for a broker that is down: the
 *    others carry the message, and a late copy would only be a duplicate.
 *  - It says which brokers took each message: a broker took it when its PUBACK came back (QoS 1).
 *  - A message NO broker took is never dropped in silence: publish() rejects with
 *    NoBrokerTookError, and the caller must decide (retry, store, alarm).
 * What it costs: N brokers, N copies on the wire and N times the broker work (the summary has
 * the brokers' own counters).
 */
import { EventEmitter } from 'node:events';
import { connect, MqttClient } from 'mqtt';
import type { BrokerAddress } from './broker-list';
import { MESSAGE_ID_PROPERTY } from './message-id';

export interface FanOutOptions {
  /** The client id on every broker (each broker is separate, so one id is no clash). */
  clientId: string;
  /** How long to wait for a broker's PUBACK before counting it as not taken (default 2000). */
  ackTimeoutMs?: number;
  /** How often MQTT.js tries a lost broker again (default 500). */
  reconnectPeriodMs?: number;
  /**
   * Finds a broker that hangs (no TCP close) dead after about 1.5 x this (default 5). Until
   * then every message waits up to ackTimeoutMs for it: a hung broker slows the whole stream.
   */
  keepaliveSeconds?: number;
}

/** Why a broker did not take a message. */
export interface Miss {
  broker: string;
  reason: string;
}

export interface FanOutResult {
  id: string;
  takenBy: string[];
  missedBy: Miss[];
}

export class NoBrokerTookError extends Error {
  constructor(readonly result: FanOutResult) {
    super(`no broker took message ${result.id}: ${result.missedBy.map((miss) => `${miss.broker} (${miss.reason})`).join(', ')}`);
  }
}

/**
 * Events: 'connected' (broker name) the first time, 'lost' and 'reconnected' (broker name)
 * after that; 'error' is not emitted (a broker's error is its 'lost').
 */
export class FanOutPublisher extends EventEmitter {
  private readonly clients = new Map<string, MqttClient>();
  private readonly ackTimeoutMs: number;

  constructor(
    readonly brokers: BrokerAddress[],
    private readonly options: FanOutOptions,
  ) {
    super();
    this.ackTimeoutMs = options.ackTimeoutMs ?? 2_000;
  }

  /**
   * Opens one connection per broker and waits until each has connected or failed its first
   * attempt: a broker that is down at the start does not stop the others (it is tried again).
   */
  async start(): Promise<void> {
    await Promise.all(this.brokers.map((broker) => this.open(broker)));
  }

  private open(broker: BrokerAddress): Promise<void> {
    const client = connect(broker.url, {
      clientId: this.options.clientId,
      protocolVersion: 5, // the message id travels as an MQTT 5 user property (message-id.ts)
      clean: true, // nothing to resume: a message a broker missed is carried by the others
      reconnectPeriod: this.options.reconnectPeriodMs ?? 500,
      keepalive: this.options.keepaliveSeconds ?? 5,
      connectTimeout: this.ackTimeoutMs,
      queueQoSZero: false,
    });
    this.clients.set(broker.name, client);
    let everConnected = false;
    client.on('connect', () => {
      this.emit(everConnected ? 'reconnected' : 'connected', broker.name);
      everConnected = true;
    });
    client.on('offline', () => this.emit('lost', broker.name));
    client.on('error', () => undefined); // its consequence, the lost connection, is what counts
    return new Promise((resolve) => {
      const settled = () => {
        client.off('connect', settled).off('close', settled);
        resolve();
      };
      client.on('connect', settled).on('close', settled);
    });
  }

  /** True if the broker's connection is up now. */
  isConnected(broker: string): boolean {
    return this.clients.get(broker)?.connected === true;
  }

  /**
   * Publishes one message at QoS 1 to every connected broker at once, with its id as a user
   * property, and resolves with which brokers took it. Rejects with NoBrokerTookError if none did.
   */
  async publish(topic: string, payload: string | Buffer, id: string): Promise<FanOutResult> {
    const outcomes = await Promise.all(this.brokers.map(async ({ name }) => ({ broker: name, miss: await this.publishTo(name, topic, payload, id) })));
    const result: FanOutResult = {
      id,
      takenBy: outcomes.filter((o) => o.miss === undefined).map((o) => o.broker),
      missedBy: outcomes.filter((o) => o.miss !== undefined).map((o) => ({ broker: o.broker, reason: o.miss! })),
    };
    if (result.takenBy.length === 0) throw new NoBrokerTookError(result);
    return result;
  }

  /** Undefined when the broker took the message, else why not. */
  private async publishTo(broker: string, topic: string, payload: string | Buffer, id: string): Promise<string | undefined> {
    const client = this.clients.get(broker)!;
    // Skipped, not queued: MQTT.js would otherwise keep it and send it once the broker is back.
    if (!client.connected) return 'not connected';
    let timer: NodeJS.Timeout | undefined;
    let onClose: (() => void) | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve(`no PUBACK within ${this.ackTimeoutMs} ms`), this.ackTimeoutMs);
    });
    // A broker that dies with our publish in flight: MQTT.js keeps the publish and sends it again
    // after it reconnects, but THIS message must not wait for that (the others carry it).
    const lost = new Promise<string>((resolve) => {
      onClose = () => resolve('connection lost before the PUBACK');
      client.once('close', onClose);
    });
    const sent = client
      .publishAsync(topic, payload, { qos: 1, properties: { userProperties: { [MESSAGE_ID_PROPERTY]: id } } })
      .then(
        () => undefined,
        // A PUBACK with a reason code of 0x80 or more (not authorised, quota exceeded) lands here too.
        (error: Error) => error.message,
      );
    try {
      return await Promise.race([sent, timeout, lost]);
    } finally {
      clearTimeout(timer);
      client.off('close', onClose!);
    }
  }

  /** Says goodbye (DISCONNECT) to every broker it is connected to, and stops reconnecting. */
  async end(): Promise<void> {
    await Promise.all([...this.clients.values()].map((client) => client.endAsync(!client.connected)));
  }
}
