/**
 * Lab 14: the failover subscriber. It listens on ONE broker of its list at a time and moves to
 * the next when that connection dies. Independent brokers share nothing, so two things must be
 * true for the move to lose nothing:
 *
 *  1. The next broker must have kept, for us, what was published while we listened elsewhere.
 *     So before it listens anywhere, the subscriber leaves a DURABLE session on EVERY broker of
 *     the list (clean start false, a session expiry, QoS 1 subscription): connect, subscribe,
 *     DISCONNECT. From then on each backup queues every matching QoS 1 message for us, and hands
 *     the queue over the moment we resume the session there. A broker that must keep that
 *     session through its own crash needs persistence that saves in time (brokers/lab14/).
 *     Subscribing only after the move would lose everything published there between the death
 *     of the old broker and our SUBSCRIBE.
 *  2. What arrives twice (once from the old broker, again from the backup's queue) must reach
 *     the application once. Each message carries an id (message-id.ts); a DeduplicationStore
 *     remembers the ids already handed over.
 *
 * What it cannot do alone: a backup's queue for us is bounded (max_queued_messages), and it
 * holds EVERYTHING since we last listened there. Once it is full Mosquitto drops the NEWEST
 * messages, exactly the ones a move needs: size the queue for the longest stretch on one broker.
 *
 * Events: 'prepared' (broker), 'unprepared' (broker, error), 'listening' (broker, sessionFound),
 * 'lost' (broker), 'failed over' (from, to, ms, sessionFound), 'message' (Delivery),
 * 'duplicate' (id, broker), 'unreachable' (broker, error).
 */
import { EventEmitter } from 'node:events';
import { connect, IClientOptions, IConnackPacket, IPublishPacket, MqttClient } from 'mqtt';
import type { BrokerAddress } from './broker-list';
import type { DeduplicationStore } from './deduplication-store';
import { messageIdOf } from './message-id';

export interface FailoverOptions {
  /** FIXED: a broker keeps a session per client id; the same id on every broker. */
  clientId: string;
  topic: string;
  /** How long each broker keeps our session while we listen elsewhere. */
  sessionExpirySeconds: number;
  /** How a connection that hangs (no TCP close) is found dead: after about 1.5 x keepalive. */
  keepaliveSeconds: number;
  /** Bound on one connection attempt to a broker. */
  connectTimeoutMs: number;
  /** Pause before trying the whole list again when no broker answered. */
  retryPauseMs: number;
  store: DeduplicationStore;
}

/** A message handed to the application: once per id. */
export interface Delivery {
  topic: string;
  payload: Buffer;
  id: string | undefined;
  broker: string;
}

export class FailoverSubscriber extends EventEmitter {
  private active: { broker: BrokerAddress; client: MqttClient } | undefined;
  private stopped = false;

  constructor(
    readonly brokers: BrokerAddress[],
    private readonly options: FailoverOptions,
  ) {
    super();
  }

  /** The broker it listens on now, if any. */
  get listeningOn(): string | undefined {
    return this.active?.broker.name;
  }

  /** Leaves a durable session on every broker, then listens on the first it can reach. */
  async start(): Promise<void> {
    // Backups first: each queues for us from the moment its SUBACK came back.
    for (const broker of this.brokers.slice(1)) await this.prepare(broker);
    await this.listenFrom(0, undefined);
  }

  /** Sends DISCONNECT to the broker it listens on; the sessions stay (they expire by themselves). */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.active?.client.endAsync();
  }

  private connectionOptions(): IClientOptions {
    return {
      clientId: this.options.clientId,
      protocolVersion: 5,
      clean: false, // resume the session the broker kept for us
      properties: { sessionExpiryInterval: this.options.sessionExpirySeconds },
      keepalive: this.options.keepaliveSeconds,
      connectTimeout: this.options.connectTimeoutMs,
      reconnectPeriod: 0, // WE decide where to go next, not MQTT.js
    };
  }

  /** Connect, subscribe at QoS 1, leave: the broker now queues for us. */
  private async prepare(broker: BrokerAddress): Promise<void> {
    try {
      // A session of an earlier run may still hold queued messages, and they follow the CONNACK.
      // MQTT.js acknowledges each one after its 'message' listeners ran, so the broker deletes
      // it: hand them to the application (the store drops what it has seen), or they are lost.
      const { client } = await this.connectTo(broker, (topic, payload, packet) => this.onMessage(broker, topic, payload, packet));
      await this.subscribe(client, broker);
      await client.endAsync();
      this.emit('prepared', broker.name);
    } catch (error) {
      // Not fatal: the broker may come back; it then has no session for us, and says so when we get there.
      this.emit('unprepared', broker.name, error as Error);
    }
  }

  /**
   * One connection attempt, no retries. The 'message' listener goes on BEFORE the connect: a
   * resumed session's queued messages follow the CONNACK in the same network read, and MQTT.js
   * emits (and acknowledges) them before any code after the connect could add a listener.
   */
  private connectTo(broker: BrokerAddress, onMessage: (topic: string, payload: Buffer, packet: IPublishPacket) => void): Promise<{ client: MqttClient; connack: IConnackPacket }> {
    const client = connect(broker.url, this.connectionOptions());
    client.on('message', onMessage);
    return new Promise((resolve, reject) => {
      const fail = (error: Error) => {
        client.end(true);
        reject(new Error(`could not connect to ${broker.name} (${broker.url}): ${error.message}`));
      };
      const closed = () => fail(new Error('the connection closed before the CONNACK'));
      client.once('error', fail);
      client.once('close', closed);
      client.once('connect', (connack) => {
        client.off('error', fail).off('close', closed);
        client.on('error', () => undefined); // its consequence, the closed connection, is what counts
        resolve({ client, connack });
      });
    });
  }

  private async subscribe(client: MqttClient, broker: BrokerAddress): Promise<void> {
    const [grant] = await client.subscribeAsync(this.options.topic, { qos: 1 });
    if (!grant || grant.qos >= 0x80) throw new Error(`${broker.name} refused the subscription to ${this.options.topic} (SUBACK 0x${(grant?.qos ?? 0x80).toString(16)})`);
  }

  /**
   * Tries the brokers from index `first` on, round the list, until one takes us; after a whole
   * round with none, pauses and goes round again (unless stopped).
   */
  private async listenFrom(first: number, lostAt: { broker: string; at: number } | undefined): Promise<void> {
    for (let tried = 0; !this.stopped; tried++) {
      if (tried > 0 && tried % this.brokers.length === 0) await new Promise((resolve) => setTimeout(resolve, this.options.retryPauseMs));
      const broker = this.brokers[(first + tried) % this.brokers.length]!;
      try {
        const sessionFound = await this.listenOn(broker);
        if (lostAt) this.emit('failed over', lostAt.broker, broker.name, Math.round(performance.now() - lostAt.at), sessionFound);
        else this.emit('listening', broker.name, sessionFound);
        return;
      } catch (error) {
        this.emit('unreachable', broker.name, error as Error);
      }
    }
  }

  /** Connects, resumes (or starts) our session, subscribes; true if the broker had kept the session. */
  private async listenOn(broker: BrokerAddress): Promise<boolean> {
    const { client, connack } = await this.connectTo(broker, (topic, payload, packet) => this.onMessage(broker, topic, payload, packet));
    try {
      // Subscribing again is harmless on a resumed session (it replaces the same subscription)
      // and necessary on a new one: the broker forgot us (expired, or not persisted).
      await this.subscribe(client, broker);
    } catch (error) {
      client.end(true);
      throw error;
    }
    if (!client.connected) throw new Error(`the connection to ${broker.name} closed right after the SUBACK`);
    this.active = { broker, client };
    client.once('close', () => this.onLost(broker, client));
    return connack.sessionPresent;
  }

  private onLost(broker: BrokerAddress, client: MqttClient): void {
    if (this.stopped || this.active?.client !== client) return;
    const at = performance.now();
    this.active = undefined;
    client.end(true);
    this.emit('lost', broker.name);
    const index = this.brokers.indexOf(broker);
    void this.listenFrom(index + 1, { broker: broker.name, at });
  }

  private onMessage(broker: BrokerAddress, topic: string, payload: Buffer, packet: IPublishPacket): void {
    const id = messageIdOf(packet.properties?.userProperties);
    if (id !== undefined && this.options.store.has(id)) {
      this.emit('duplicate', id, broker.name);
      return;
    }
    // Remembered BEFORE the application sees it: a handler that throws must not get it twice.
    if (id !== undefined) this.options.store.remember(id);
    this.emit('message', { topic, payload, id, broker: broker.name } satisfies Delivery);
  }
}
