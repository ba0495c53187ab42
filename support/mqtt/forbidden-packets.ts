/**
 * Lab 7 support: packets the spec forbids, for seeing which DISCONNECT reason code the broker
 * sends (spec 4.13: a Malformed Packet is one the receiver cannot parse as the spec says, a
 * Protocol Error one it can parse but that breaks a rule). Each is encoded with mqtt-packet
 * (what it can encode) and, where it refuses, changed by one byte, then written onto the
 * client's MQTT.js connection past MQTT.js's own checks, so that the client still reads the
 * DISCONNECT the broker answers with.
 */
import { generate, Packet } from 'mqtt-packet';
import { LabClient } from '../clients/lab-client';

const TOPIC = 'factory/oven/temperature';
const v5 = { protocolVersion: 5 } as const;
const publish = (extra: Partial<Packet & { qos: 0 | 1 | 2 }> = {}): Packet =>
  ({ cmd: 'publish', topic: TOPIC, payload: Buffer.from('21.5'), qos: 1, messageId: 1, dup: false, retain: false, ...extra }) as Packet;

/** By the words the feature uses: the bytes, and the spec statement they break. */
export const FORBIDDEN_PACKETS: Record<string, () => Buffer> = {
  // Fixed header 0x32 (PUBLISH, QoS 1) becomes 0x36: both QoS bits set [MQTT-3.3.1-4].
  'a PUBLISH with both QoS bits set': () => {
    const bytes = generate(publish(), v5);
    bytes[0] |= 0x06;
    return bytes;
  },
  // 0x30 (PUBLISH, QoS 0) becomes 0x38: DUP on a message that is never resent [MQTT-3.3.1-2].
  'a QoS 0 PUBLISH with the DUP flag set': () => {
    const bytes = generate(publish({ qos: 0, messageId: undefined }), v5);
    bytes[0] |= 0x08;
    return bytes;
  },
  // Wildcards belong in subscriptions only [MQTT-3.3.2-2].
  'a PUBLISH to a topic with a wildcard': () => generate(publish({ topic: 'factory/+/temperature' } as Partial<Packet>), v5),
  // A QoS 1/2 PUBLISH needs a non-zero packet identifier [MQTT-2.2.1-3].
  'a QoS 1 PUBLISH with packet identifier 0': () => generate(publish({ messageId: 0 } as Partial<Packet>), v5),
  // Aliases start at 1 [MQTT-3.3.2-8].
  'a PUBLISH with topic alias 0': () => generate(publish({ properties: { topicAlias: 0 } } as Partial<Packet>), v5),
  // No Local makes no sense for a group, whose members are other clients [MQTT-3.8.3-4].
  'a shared subscription with No Local': () => generate({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: '$share/ovens/factory/#', qos: 1, nl: true }] } as Packet, v5),
};

/** Writes the named forbidden packet onto the client's open connection. */
export function writeForbiddenPacket(client: LabClient, name: string): void {
  const make = FORBIDDEN_PACKETS[name];
  if (!make) throw new Error(`No forbidden packet called "${name}"; known: ${Object.keys(FORBIDDEN_PACKETS).join('; ')}`);
  client.expectConnected(`writing ${name}`);
  client.raw.stream.write(make());
}
