/**
 * Lab 5: the last will, the message the broker publishes for a client that vanished.
 *
 * WHY: a device whose power or network dies cannot say "I am gone": the dead connection can
 * carry nothing. So the device hands the broker its last words in advance, in CONNECT: a topic,
 * a payload, a QoS and a retain flag. The broker publishes them for the device when the
 * connection ends WITHOUT a DISCONNECT packet: the socket broke, or the device stopped sending
 * anything for 1.5 x its keepalive [MQTT-3.1.2-8]. A device that leaves properly sends
 * DISCONNECT, and the broker throws the will away [MQTT-3.1.2-10]: a planned goodbye is no alarm.
 *
 * HOW to use it for a presence topic (the usual pattern):
 *   - will: "offline" on devices/<id>/status, RETAINED, QoS 1. Retained, so that a dashboard
 *     that opens tomorrow still sees the device is offline; QoS 1, so that it is not lost on
 *     the way to the subscribers.
 *   - right after connecting, the device itself publishes "online" (retained) to the same topic,
 *     which replaces the old "offline". (Not done here: that is an ordinary publish.)
 * MQTT 5 adds a Will Delay Interval: the broker waits that many seconds before it publishes the
 * will, and a device that reconnects to its session within the delay cancels it [MQTT-3.1.3-9].
 * That keeps a one-second network hiccup from paging anyone. By the spec the will is sent when
 * the delay has passed OR when the session ends, whichever is first, so the session must outlive
 * the delay: give a Session Expiry Interval at least as long as the delay, and resume the session
 * (clean start = false) when you come back. (Mosquitto 2.0.21 was seen to wait the full delay
 * even with a session expiry of 0; do not rely on that, other brokers follow the spec.)
 */
import type { IClientOptions } from 'mqtt';

export interface LastWill {
  topic: string;
  payload: string;
  qos: 0 | 1 | 2;
  /** Retained: subscribers that arrive later still get it. */
  retain?: boolean;
  /** MQTT 5 only: seconds the broker waits before publishing it. */
  delaySeconds?: number;
}

/**
 * MQTT.js options that leave a will with the broker. With a will delay the client must speak
 * MQTT 5, resume its session when it comes back (`clean: false`), and keep the session at least
 * as long as the delay (`sessionExpirySeconds`).
 */
export function lastWillOptions(will: LastWill, sessionExpirySeconds?: number): IClientOptions {
  const options: IClientOptions = {
    will: { topic: will.topic, payload: Buffer.from(will.payload), qos: will.qos, retain: will.retain ?? false },
  };
  if (will.delaySeconds !== undefined) {
    if (sessionExpirySeconds === undefined || sessionExpirySeconds < will.delaySeconds) {
      throw new Error('A will delay needs a session that lasts at least as long: the will goes out when the session ends');
    }
    options.protocolVersion = 5;
    options.clean = false;
    options.will!.properties = { willDelayInterval: will.delaySeconds };
    options.properties = { sessionExpiryInterval: sessionExpirySeconds };
  }
  return options;
}
