/**
 * Lab 7: publishing to one long topic through an MQTT 5 topic alias.
 *
 * WHY: every PUBLISH carries its topic name in full. A sensor that sends a 4-byte reading to
 * `factory/line-1/oven/temperature` every second spends most of each packet on the topic.
 * MQTT 5 (spec 3.3.2.3.4) lets a client say once "alias 1 means this topic" and then send
 * PUBLISH packets with an empty topic and the 2-byte alias instead. On metered or slow links
 * (cellular, satellite, LoRa backhaul) that is a real saving.
 *
 * HOW:
 *   1. The broker tells the client in CONNACK how many aliases it accepts (Topic Alias
 *      Maximum; Mosquitto's `max_topic_alias`, default 10, 0 = none). Aliases are 1..maximum.
 *   2. The first PUBLISH carries the topic AND the alias: that registers the mapping.
 *   3. Later PUBLISH packets carry an empty topic and the alias.
 *   4. The mapping lives only as long as the network connection: after a reconnect the
 *      client must register it again (this class does, on MQTT.js's 'connect' event).
 *   Mistakes cost the connection. An alias above the maximum: Mosquitto answers DISCONNECT
 *   0x94 "Topic Alias invalid". Alias 0, or an empty topic with an alias never registered on
 *   this connection: DISCONNECT 0x82 "Protocol Error" (both seen on Mosquitto 2.0.21).
 *
 * MQTT.js can do steps 2 and 3 for you: `autoUseTopicAlias: true` reuses an alias you
 * registered once with `properties.topicAlias`, `autoAssignTopicAlias: true` also picks
 * aliases itself. This class does it by hand so that you can see it happen. MQTT.js checks
 * every alias against the broker's CONNACK value and refuses to send one above it (the
 * callback gets "Sending Topic Alias out of range"; for QoS 1/2 MQTT.js 5.16 never calls the
 * callback at all, so a publishAsync would hang: validate aliases before you publish).
 *
 * Aliases only ever work client -> broker here: Mosquitto 2.0 never sends aliases to
 * subscribers, whatever Topic Alias Maximum they announce.
 */
import type { IClientPublishOptions, IConnackPacket, MqttClient, Packet } from 'mqtt';

/** The Topic Alias Maximum of a CONNACK: how many aliases the broker accepts (0 = none). */
export function topicAliasMaximumOf(connack: IConnackPacket): number {
  // Absent means 0: the broker accepts no aliases at all (spec 3.2.2.3.8).
  return connack.properties?.topicAliasMaximum ?? 0;
}

export class AliasedTopicPublisher {
  private registered = false;

  /**
   * `brokerMaximum` is topicAliasMaximumOf(the CONNACK). Checking the alias here gives a clear
   * error at start-up instead of a publish that MQTT.js refuses later.
   */
  constructor(
    private readonly client: MqttClient,
    readonly topic: string,
    readonly alias: number,
    brokerMaximum: number,
  ) {
    if (!Number.isInteger(alias) || alias < 1 || alias > brokerMaximum) {
      throw new Error(`Topic alias ${alias} is outside 1..${brokerMaximum}, the range this broker accepts`);
    }
    // A new network connection starts with no aliases: register again on the next publish.
    client.on('connect', () => {
      this.registered = false;
    });
  }

  /** Publishes `payload` to the topic: in full the first time, by alias afterwards. */
  async publish(payload: string | Buffer, options: IClientPublishOptions = {}): Promise<Packet | undefined> {
    const topic = this.registered ? '' : this.topic;
    const sent = await this.client.publishAsync(topic, payload, {
      ...options,
      properties: { ...options.properties, topicAlias: this.alias },
    });
    this.registered = true;
    return sent;
  }
}
