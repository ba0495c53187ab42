/**
 * A key-value store kept in retained messages: one key per topic under a subtree
 * (`config/<device>/<setting>`), its value the payload of the topic's retained message.
 *
 * Why retained messages: the broker already keeps exactly one current value per topic and hands
 * all of them to every new subscriber, so any service can start, load the current state, and
 * follow the changes, with no database and no "give me everything" request protocol. Writers
 * publish with the retain flag; a writer deletes a key with an empty retained payload.
 *
 * The reactive pattern: start() subscribes to the subtree, loads the snapshot the broker sends
 * (every retained message under it), and from then on applies each live update. The hard part
 * is knowing WHEN the snapshot is complete, without sleeping "long enough":
 *
 *  - MQTT itself has no "end of retained messages" marker. But Mosquitto handles the packets
 *    of one connection in order, and it writes all the retained messages matching a SUBSCRIBE
 *    to the connection while it handles that SUBSCRIBE. So if we send a SECOND subscribe right
 *    after the first, its SUBACK can only come back after every retained message of the first.
 *    (A PINGREQ works the same way; MQTT.js exposes no awaitable ping, a SUBACK is awaitable.)
 *    This is Mosquitto's behaviour, not a promise of the MQTT spec: another broker may need a
 *    different marker (for example a retained "snapshot version" topic written last).
 *  - In-flight limits break that argument for QoS 1 and 2: the broker sends at most
 *    max_inflight_messages (or the client's Receive Maximum) unacknowledged QoS 1/2 messages and
 *    QUEUES the rest until PUBACKs come back, while the SUBACK goes out at once. With 50
 *    retained QoS 1 values and an in-flight limit of 20, the barrier would answer after 20. So
 *    the store subscribes at QoS 0: retained messages are then delivered at QoS 0, never held
 *    back by an in-flight window, and the SUBACK of the barrier truly comes last. The price is
 *    QoS 0 live updates: an update lost in a dropped connection is not redelivered. The store
 *    heals that by loading the snapshot again after every reconnect (the current values are
 *    all the state there is: a missed intermediate value does not matter).
 *
 * MQTT 5 subscription options, and why: Retain Handling 0 (send the retained messages on every
 * subscribe) because the store needs the snapshot again each time it (re)loads; 1 would send
 * nothing on a re-subscribe of an existing subscription, 2 never sends them. Retain As
 * Published 1, so live deliveries keep the publisher's retain flag and the store can tell a
 * state change (retained) from a stray event that someone published without the flag.
 */
import { EventEmitter } from 'node:events';
import { IPublishPacket, MqttClient } from 'mqtt';
// One matcher for every lab, with the `$` rule: a store on `#` must not take `$SYS/...` for state.
import { topicMatches } from '../shared/topic-filter';

export interface StateChange {
  key: string;
  /** The new value; undefined when the key was deleted (an empty retained payload). */
  value: string | undefined;
}

export class RetainedStateStore extends EventEmitter {
  private readonly values = new Map<string, string>();
  private snapshotComplete = false;
  private readonly onMessage = (topic: string, payload: Buffer, packet: IPublishPacket) => this.apply(topic, payload, packet);

  /**
   * @param client a connected MQTT.js client (its own connection: the barrier relies on the
   *   order of the packets on it)
   * @param subtree the filter of the keys, e.g. "config/#"
   */
  constructor(
    private readonly client: MqttClient,
    private readonly subtree: string,
  ) {
    super();
  }

  /**
   * Subscribes, and resolves with the complete snapshot once the broker has sent every retained
   * value under the subtree. Live updates are applied from then on ('change' events).
   */
  async start(): Promise<ReadonlyMap<string, string>> {
    this.client.on('message', this.onMessage);
    // A topic nobody publishes to, unique to this connection: only its SUBACK matters.
    const barrier = `$state-store-barrier/${this.client.options.clientId}`;
    // Both SUBSCRIBEs leave back to back; MQTT.js resolves each on its own SUBACK.
    await Promise.all([this.client.subscribeAsync(this.subtree, { qos: 0, rh: 0, rap: true }), this.client.subscribeAsync(barrier, { qos: 0 })]);
    // Every retained message of the first subscription was written before this SUBACK, and
    // MQTT.js emitted its 'message' event before resolving the promise.
    this.snapshotComplete = true;
    await this.client.unsubscribeAsync(barrier);
    return this.snapshot();
  }

  /** The current values, keyed by topic. */
  snapshot(): ReadonlyMap<string, string> {
    return new Map(this.values);
  }

  get(key: string): string | undefined {
    return this.values.get(key);
  }

  get isLoaded(): boolean {
    return this.snapshotComplete;
  }

  async stop(): Promise<void> {
    this.client.off('message', this.onMessage);
    await this.client.unsubscribeAsync(this.subtree);
  }

  private apply(topic: string, payload: Buffer, packet: IPublishPacket): void {
    if (!topicMatches(this.subtree, topic)) return;
    // A live, NON-retained message on a state topic is an event, not state (someone published
    // without the retain flag): a new subscriber would never see it, so the store ignores it.
    // With Retain As Published the broker keeps the flag on live deliveries too (MQTT 5); an
    // MQTT 3.1.1 client sees 0 on every live delivery and cannot tell the two apart.
    if (this.snapshotComplete && !packet.retain && this.client.options.protocolVersion === 5) return;
    const key = topic;
    if (payload.length === 0) {
      // An empty retained payload deletes the key on the broker; the store follows.
      if (this.values.delete(key)) this.emit('change', { key, value: undefined } satisfies StateChange);
      return;
    }
    const value = payload.toString();
    this.values.set(key, value);
    this.emit('change', { key, value } satisfies StateChange);
  }
}
