/**
 * Labs 2 and 7 support: packets the spec forbids, for seeing what the broker does with them. An
 * MQTT 3.1.1 broker can only close the connection (spec 4.8); an MQTT 5 broker says why first,
 * with a DISCONNECT reason code (spec 4.13: a Malformed Packet is one the receiver cannot parse
 * as the spec says, a Protocol Error one it can parse but that breaks a rule). Each packet is
 * encoded with mqtt-packet for the client's protocol version (what it can encode) and, where it
 * refuses, changed by one byte or written byte by byte, then written onto the client's MQTT.js
 * connection past MQTT.js's own checks, so that the client still reads what the broker answers.
 */
import { generate, Packet } from 'mqtt-packet';
import { LabClient, type ProtocolVersion } from '../clients/lab-client';

const TOPIC = 'factory/oven/temperature';
const publish = (extra: Partial<Packet & { qos: 0 | 1 | 2 }> = {}): Packet =>
  ({ cmd: 'publish', topic: TOPIC, payload: Buffer.from('21.5'), qos: 1, messageId: 1, dup: false, retain: false, ...extra }) as Packet;
const subscribe = (topic: string, qos: 0 | 1 | 2 = 1): Packet => ({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic, qos }] }) as Packet;
const unsubscribe = (): Packet => ({ cmd: 'unsubscribe', messageId: 1, unsubscriptions: [TOPIC] }) as Packet;

type PacketMaker = (protocolVersion: ProtocolVersion) => Buffer;

/** Encodes a valid packet, then changes the bits of its first byte that `flags` says. */
function withFixedHeaderFlags(packet: Packet, flags: number): PacketMaker {
  return (protocolVersion) => {
    const bytes = generate(packet, { protocolVersion });
    bytes[0] = (bytes[0] & 0xf0) | flags;
    return bytes;
  };
}

/** Encodes a PUBLISH to a stand-in topic of the same length, then puts the real bytes in. */
function publishToTopicBytes(topic: Buffer): PacketMaker {
  return (protocolVersion) => {
    const bytes = generate(publish({ topic: 'x'.repeat(topic.length) } as Partial<Packet>), { protocolVersion });
    topic.copy(bytes, bytes.indexOf('x'.repeat(topic.length)));
    return bytes;
  };
}

/**
 * A SUBSCRIBE or UNSUBSCRIBE with packet identifier 1 and no topic filter at all: mqtt-packet
 * will not encode it, so it is written byte by byte (MQTT 5 adds a zero property length).
 */
function withoutTopicFilters(firstByte: number): PacketMaker {
  return (protocolVersion) => Buffer.from(protocolVersion === 5 ? [firstByte, 3, 0, 1, 0] : [firstByte, 2, 0, 1]);
}

/** By the words the features use: the bytes, and the spec statement they break. */
export const FORBIDDEN_PACKETS: Record<string, PacketMaker> = {
  // Fixed header 0x32 (PUBLISH, QoS 1) becomes 0x36: both QoS bits set [MQTT-3.3.1-4].
  'a PUBLISH with both QoS bits set': (protocolVersion) => {
    const bytes = generate(publish(), { protocolVersion });
    bytes[0] |= 0x06;
    return bytes;
  },
  // 0x30 (PUBLISH, QoS 0) becomes 0x38: DUP on a message that is never resent [MQTT-3.3.1-2].
  'a QoS 0 PUBLISH with the DUP flag set': (protocolVersion) => {
    const bytes = generate(publish({ qos: 0, messageId: undefined }), { protocolVersion });
    bytes[0] |= 0x08;
    return bytes;
  },
  // Wildcards belong in subscriptions only [MQTT-3.3.2-2].
  'a PUBLISH to a topic with a wildcard': (protocolVersion) => generate(publish({ topic: 'factory/+/temperature' } as Partial<Packet>), { protocolVersion }),
  // A QoS 1/2 PUBLISH needs a non-zero packet identifier [MQTT-2.2.1-3] (3.1.1: [MQTT-2.3.1-1]).
  'a QoS 1 PUBLISH with packet identifier 0': (protocolVersion) => generate(publish({ messageId: 0 } as Partial<Packet>), { protocolVersion }),
  // Aliases start at 1 [MQTT-3.3.2-8].
  'a PUBLISH with topic alias 0': (protocolVersion) => generate(publish({ properties: { topicAlias: 0 } } as Partial<Packet>), { protocolVersion }),
  // An alias means something only on the connection that set it up [MQTT-3.3.2-7].
  'a PUBLISH with an empty topic and topic alias 1': (protocolVersion) =>
    generate(publish({ topic: '', properties: { topicAlias: 1 } } as Partial<Packet>), { protocolVersion }),
  // No Local makes no sense for a group, whose members are other clients [MQTT-3.8.3-4].
  'a shared subscription with No Local': (protocolVersion) =>
    generate({ cmd: 'subscribe', messageId: 1, subscriptions: [{ topic: '$share/ovens/factory/#', qos: 1, nl: true }] } as Packet, { protocolVersion }),

  // Reserved flags in the fixed header must have the values the spec lists: SUBSCRIBE, UNSUBSCRIBE
  // and PUBREL 0010, the rest 0000 [MQTT-2.1.3-1] (3.1.1: [MQTT-2.2.2-1]).
  'a SUBSCRIBE with the reserved flags 0000': withFixedHeaderFlags(subscribe('factory/#'), 0x0), // [MQTT-3.8.1-1]
  'an UNSUBSCRIBE with the reserved flags 0000': withFixedHeaderFlags(unsubscribe(), 0x0), // [MQTT-3.10.1-1]
  'a PUBREL with the reserved flags 0000': withFixedHeaderFlags({ cmd: 'pubrel', messageId: 1 } as Packet, 0x0), // [MQTT-3.6.1-1]
  // The two top bits of a subscription's options byte (3.1.1: of its requested QoS) are reserved
  // [MQTT-3.8.3-5] (3.1.1: [MQTT-3.8.3-4]).
  'a SUBSCRIBE with the reserved bits of its options set': (protocolVersion) => {
    const bytes = generate(subscribe('factory/#'), { protocolVersion });
    bytes[bytes.length - 1] |= 0xc0;
    return bytes;
  },
  // QoS 3 does not exist [MQTT-3.8.3-4] (3.1.1).
  'a SUBSCRIBE asking for QoS 3': (protocolVersion) => {
    const bytes = generate(subscribe('factory/#'), { protocolVersion });
    bytes[bytes.length - 1] |= 0x03;
    return bytes;
  },
  // A SUBSCRIBE needs a filter [MQTT-3.8.3-2] (3.1.1: [MQTT-3.8.3-3]), an UNSUBSCRIBE too [MQTT-3.10.3-2].
  'a SUBSCRIBE without a topic filter': withoutTopicFilters(0x82),
  'an UNSUBSCRIBE without a topic filter': withoutTopicFilters(0xa2),
  // "#" only at the end, after a "/" [MQTT-4.7.1-1] (3.1.1: [MQTT-4.7.1-2]); "+" a whole level
  // [MQTT-4.7.1-2] (3.1.1: [MQTT-4.7.1-3]).
  'a SUBSCRIBE to factory/#/temperature': (protocolVersion) => generate(subscribe('factory/#/temperature'), { protocolVersion }),
  'a SUBSCRIBE to factory/oven+': (protocolVersion) => generate(subscribe('factory/oven+'), { protocolVersion }),
  // Strings are UTF-8 without U+0000 [MQTT-1.5.4-1] [MQTT-1.5.4-2] (3.1.1: [MQTT-1.5.3-1] [MQTT-1.5.3-2]).
  'a PUBLISH to a topic that is not UTF-8': publishToTopicBytes(Buffer.from([0x66, 0x61, 0x63, 0x74, 0xff, 0x72, 0x79])),
  'a PUBLISH to a topic with a null character': publishToTopicBytes(Buffer.from('fact\u0000ry')),
  // A topic name has at least one character [MQTT-4.7.3-1] (in MQTT 5: unless a topic alias stands for it).
  'a PUBLISH with an empty topic': (protocolVersion) => generate(publish({ topic: '' } as Partial<Packet>), { protocolVersion }),
  // A share name has no "/", "+" or "#" [MQTT-4.8.2-2].
  'a shared subscription whose share name has a plus sign': (protocolVersion) => generate(subscribe('$share/kit+chen/orders/#'), { protocolVersion }),
  // Subscription identifiers go from the broker to subscribers, never the other way [MQTT-3.3.4-6].
  'a PUBLISH with a subscription identifier': (protocolVersion) =>
    generate(publish({ properties: { subscriptionIdentifier: 3 } } as Partial<Packet>), { protocolVersion }),
  // A client that did not ask for enhanced authentication in CONNECT sends no AUTH [MQTT-4.12.0-7].
  'an AUTH packet': () => Buffer.from([0xf0, 0x00]),
};

/** Writes the named forbidden packet onto the client's open connection, in its protocol version. */
export function writeForbiddenPacket(client: LabClient, name: string): void {
  const make = FORBIDDEN_PACKETS[name];
  if (!make) throw new Error(`No forbidden packet called "${name}"; known: ${Object.keys(FORBIDDEN_PACKETS).join('; ')}`);
  client.expectConnected(`writing ${name}`);
  client.raw.stream.write(make(client.protocolVersion));
}
