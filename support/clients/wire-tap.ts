/**
 * The packet tap: copies every byte a connection's socket writes and reads into two
 * mqtt-packet parsers, so the client's `wire` holds the packets as they crossed the network,
 * with their size (what a topic alias saves, what a Maximum Packet Size must stop). MQTT.js's
 * own 'packetsend' events show what it meant to send; this shows what the peer saw.
 */
import type { Duplex } from 'node:stream';
import type { MqttClient, Packet } from 'mqtt';
import { parser as mqttParser } from 'mqtt-packet';
import type { ProtocolVersion, WirePacket } from './protocol-types';

/** Where the tapped packets go, and whether the connection is still the client's own. */
export interface TapTarget {
  protocolVersion: ProtocolVersion;
  /** The URL of the connection, recorded with each packet. */
  url: string;
  /** False once a reconnect replaced this connection: its late bytes belong to no one. */
  isCurrent(): boolean;
  /** Milliseconds since the client was created: the time of each packet. */
  elapsed(): number;
  wire: WirePacket[];
}

/** Orders the wire packets of every client of this process as this process saw them. */
let wireCounter = 0;

/**
 * Wraps the stream MQTT.js builds for `client`, before CONNECT is written: every chunk written
 * and read is also parsed into `target.wire`.
 */
export function tapTheWire(client: MqttClient, target: TapTarget): void {
  const internals = client as unknown as { streamBuilder: (c: MqttClient) => Duplex };
  const build = internals.streamBuilder;
  internals.streamBuilder = (c) => {
    const stream = build(c);
    const outgoing = wireParser('sent', target);
    const incoming = wireParser('received', target);
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      outgoing(chunk, typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : undefined);
      return write(chunk, ...rest);
    }) as typeof stream.write;
    stream.on('data', (chunk: Buffer) => incoming(chunk));
    return stream;
  };
}

function wireParser(direction: WirePacket['direction'], target: TapTarget): (chunk: unknown, encoding?: BufferEncoding) => void {
  const parser = mqttParser({ protocolVersion: target.protocolVersion });
  parser.on('packet', (packet: Packet) => {
    const remainingLength = (packet as { length?: number }).length ?? 0;
    const bytes = 1 + lengthFieldSize(remainingLength) + remainingLength;
    target.wire.push({ direction, at: target.elapsed(), packet, bytes, remainingLength, url: target.url, seen: ++wireCounter });
  });
  // Bytes MQTT.js itself cannot parse are reported by MQTT.js; the tap just stops there.
  parser.on('error', () => undefined);
  return (chunk, encoding) => {
    if (!target.isCurrent()) return;
    parser.parse(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), encoding));
  };
}

/** The Remaining Length field is a variable byte integer: 7 bits of the length per byte. */
function lengthFieldSize(remainingLength: number): number {
  return remainingLength < 128 ? 1 : remainingLength < 16_384 ? 2 : remainingLength < 2_097_152 ? 3 : 4;
}
