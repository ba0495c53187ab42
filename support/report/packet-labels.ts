/**
 * What each arrow of a sequence diagram says: a packet's type and what matters about it for the
 * labs (QoS, packet id, topic and payload, flags, reason codes in hex with the spec's name, the
 * MQTT 5 properties the labs teach).
 */
import type { Packet } from 'mqtt';
import type { ProtocolVersion } from '../clients/lab-client';
import { describeCode } from '../mqtt/reason-codes';

type PacketFields = Record<string, unknown> & { properties?: Record<string, unknown> };

/** What one arrow says: the packet's type and what matters about it for the labs. */
export function packetLabel(packet: Packet, version: ProtocolVersion): string {
  const p = packet as unknown as PacketFields;
  const id = p.messageId !== undefined ? ` id=${p.messageId}` : '';
  const code = (kind: Parameters<typeof describeCode>[1]) => (version === 5 ? ` ${describeCode((p.reasonCode as number | undefined) ?? 0, kind, 5)}` : '');
  switch (packet.cmd) {
    case 'connect':
      return connectLabel(p);
    case 'connack': {
      const rc = version === 5 ? describeCode((p.reasonCode as number | undefined) ?? 0, 'CONNACK', 5) : describeCode((p.returnCode as number | undefined) ?? 0, 'CONNACK', 4);
      return `CONNACK ${rc}${p.sessionPresent ? ' session present' : ''}`;
    }
    case 'publish':
      return publishLabel(p, id);
    case 'puback':
    case 'pubrec':
    case 'pubrel':
    case 'pubcomp': {
      const kind = packet.cmd.toUpperCase() as 'PUBACK' | 'PUBREC' | 'PUBREL' | 'PUBCOMP';
      return `${kind}${id}${code(kind)}`;
    }
    case 'subscribe':
      return `SUBSCRIBE${id} ${(p.subscriptions as { topic: string; qos: number }[]).map((s) => `${s.topic} QoS ${s.qos}`).join(', ')}`;
    case 'suback':
      return `SUBACK${id} ${(p.granted as number[]).map((g) => (g < 0x80 ? `granted QoS ${g}` : describeCode(g, 'SUBACK', version))).join(', ')}`;
    case 'unsubscribe':
      return `UNSUBSCRIBE${id} ${(p.unsubscriptions as string[]).join(', ')}`;
    case 'unsuback':
      return `UNSUBACK${id}`;
    case 'disconnect':
      return `DISCONNECT${code('DISCONNECT')}`;
    case 'auth':
      return `AUTH${code('AUTH')}`;
    default:
      return String(packet.cmd).toUpperCase();
  }
}

function connectLabel(p: PacketFields): string {
  const parts = [`CONNECT MQTT ${p.protocolVersion === 5 ? '5' : '3.1.1'}`, `clean=${p.clean ? 1 : 0}`, `keepalive=${p.keepalive}`];
  if (p.username) parts.push(`user=${p.username}`);
  const will = p.will as { topic: string; properties?: { willDelayInterval?: number } } | undefined;
  if (will) parts.push(`will on ${will.topic}${will.properties?.willDelayInterval ? ` delayed ${will.properties.willDelayInterval} s` : ''}`);
  return parts.join(' ');
}

function publishLabel(p: PacketFields, id: string): string {
  const alias = p.properties?.topicAlias;
  const topic = p.topic ? `${p.topic}${alias ? ` (sets alias ${alias})` : ''}` : `(topic alias ${alias})`;
  const flags = [p.retain ? ' retain' : '', p.dup ? ' DUP' : ''].join('');
  // The MQTT 5 properties the labs teach, where a PUBLISH carries them.
  const props = [
    p.properties?.messageExpiryInterval !== undefined ? ` expiry=${p.properties.messageExpiryInterval}s` : '',
    p.properties?.responseTopic ? ` response topic=${p.properties.responseTopic}` : '',
    p.properties?.userProperties ? ` user properties=${JSON.stringify(p.properties.userProperties)}` : '',
  ].join('');
  return `PUBLISH QoS ${p.qos}${id} ${topic} ${quoted(p.payload)}${flags}${props}`;
}

/** A payload as the diagram quotes it: shortened past 40 characters. */
export function quoted(payload: unknown): string {
  const value = payload === undefined || payload === null ? '' : String(payload);
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
}
