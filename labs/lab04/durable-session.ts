/**
 * Lab 4: connecting so that the broker keeps your session while you are away.
 *
 * WHY: a session is what the broker remembers about a client between connections: its
 * subscriptions and the QoS 1/2 messages that arrived for it while it was offline. A device on
 * a flaky mobile link that reconnects every few minutes should not lose the alarms sent in
 * between, nor have to subscribe again each time. The broker only does that when the client asks
 * for it, and asks in a different way in MQTT 3.1.1 and MQTT 5.
 *
 * HOW: three things must all be right, or the broker silently starts an empty session:
 *   1. The same client id on every connection. The session belongs to the id, not to the
 *      process or the TCP connection. MQTT.js makes up a random id when you give none, so a
 *      restarted process would never find its session again.
 *   2. MQTT 3.1.1: clean session = false, which means both "resume my session" and "keep it
 *      after I leave". MQTT 5 splits that: clean start = false only means "resume it" ...
 *   3. ... so (MQTT 5 only) you also need a Session Expiry Interval above 0: how long the
 *      broker keeps the session after the connection closes. Without it, an MQTT 5 session
 *      ends with the connection, whatever clean start says. This is the trap when a project
 *      moves from 3.1.1 to 5 and keeps only `clean: false`.
 *
 * Copy this into your project and check `sessionWasResumed(connack)` after every connect: when
 * it is false the broker has forgotten you (session expired, broker restarted without
 * persistence, another id was used), and you must subscribe again.
 */
import type { IClientOptions, IConnackPacket } from 'mqtt';

export interface DurableSessionSettings {
  /** Stable and unique per device: e.g. from its serial number, never random, never shared. */
  clientId: string;
  /** 4 = MQTT 3.1.1, 5 = MQTT 5. */
  protocolVersion: 4 | 5;
  /**
   * MQTT 5 only: how long the broker keeps the session after the connection closes, in
   * seconds. 0 (or absent) ends the session at once; 0xFFFFFFFF means "never expire".
   * MQTT 3.1.1 has no such field: its sessions live until a clean connect (or until the
   * broker's `persistent_client_expiration`, if the operator set one).
   */
  sessionExpirySeconds?: number;
}

/** MQTT.js options that ask the broker to keep (and resume) the session. */
export function durableSessionOptions(settings: DurableSessionSettings): IClientOptions {
  const options: IClientOptions = {
    clientId: settings.clientId,
    protocolVersion: settings.protocolVersion,
    // MQTT.js calls both flags `clean`: clean session (3.1.1) and clean start (5).
    clean: false,
  };
  if (settings.protocolVersion === 5 && settings.sessionExpirySeconds !== undefined) {
    // Sent as a CONNECT property. MQTT 3.1.1 has no properties at all.
    options.properties = { sessionExpiryInterval: settings.sessionExpirySeconds };
  }
  return options;
}

/**
 * The CONNACK's "session present" flag: true when the broker resumed an existing session,
 * false when it started a new, empty one (no subscriptions, no queued messages).
 */
export function sessionWasResumed(connack: IConnackPacket): boolean {
  return connack.sessionPresent === true;
}
