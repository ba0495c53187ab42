/**
 * A scenario's MQTT exchange as a Mermaid sequence diagram: one lane per client and per broker,
 * one arrow per packet, drawn from the packets each LabClient's socket really wrote and read
 * (LabClient.wire, re-parsed from the bytes with mqtt-packet), in the order this process saw
 * them. Publishers are put left of the brokers and everyone else right of them, so a message
 * reads left to right: thermostat -> broker -> dashboard.
 */
import type { Packet } from 'mqtt';
import type { LabClient, ProtocolVersion, WirePacket } from '../clients/lab-client';
import { describeCode } from '../mqtt/reason-codes';

/** A broker lane: its name in the scenario and the host ports its listeners are published on. */
export interface BrokerLane {
  name: string;
  ports: Set<number>;
}

/** Beyond this many packets the diagram stops (a long soak would make an unreadable picture). */
export const MAX_ARROWS = 400;

export function sequenceDiagram(clients: LabClient[], brokers: BrokerLane[]): string | undefined {
  const traffic = clients.flatMap((client) => client.wire.map((w) => ({ client, w }))).sort((a, b) => a.w.seen - b.w.seen);
  if (traffic.length === 0) return undefined;

  const laneOf = brokerLanes(brokers, traffic.map((t) => t.w.url));
  const id = new Map<LabClient, string>(clients.map((c, i) => [c, `c${i}`]));
  const publishes = (c: LabClient, direction: WirePacket['direction']) => c.wire.filter((w) => w.direction === direction && w.packet.cmd === 'publish').length;
  const talking = clients.filter((c) => c.wire.length > 0);
  const left = talking.filter((c) => publishes(c, 'sent') > 0 && publishes(c, 'sent') >= publishes(c, 'received'));
  const right = talking.filter((c) => !left.includes(c));
  const brokerIds = [...new Set(traffic.map((t) => laneOf(t.w.url)))];

  const lines = ['sequenceDiagram'];
  for (const c of left) lines.push(`  participant ${id.get(c)} as ${text(`the ${c.name}`)}`);
  for (const b of brokerIds) lines.push(`  participant ${b.id} as ${text(b.label)}`);
  for (const c of right) lines.push(`  participant ${id.get(c)} as ${text(`the ${c.name}`)}`);

  for (const { client, w } of traffic.slice(0, MAX_ARROWS)) {
    const me = id.get(client)!;
    const broker = laneOf(w.url).id;
    const [from, to] = w.direction === 'sent' ? [me, broker] : [broker, me];
    // Keepalive and the PINGREQ barrier are dotted: they carry no application message.
    const arrow = w.packet.cmd === 'pingreq' || w.packet.cmd === 'pingresp' ? '-->>' : '->>';
    lines.push(`  ${from}${arrow}${to}: ${text(packetLabel(w.packet, client.protocolVersion))}`);
  }
  if (traffic.length > MAX_ARROWS) lines.push(`  Note over ${brokerIds[0]!.id}: ${traffic.length - MAX_ARROWS} more packets not drawn`);
  return lines.join('\n');
}

/** Each URL's broker lane; a URL no broker of the scenario answers to gets a lane of its own. */
function brokerLanes(brokers: BrokerLane[], urls: string[]): (url: string) => { id: string; label: string } {
  const lanes = new Map<string, { id: string; label: string }>();
  for (const url of new Set(urls)) {
    const port = Number(/:(\d+)(?:\/|$)/.exec(url)?.[1]);
    const broker = brokers.length === 1 ? brokers[0] : brokers.find((b) => b.ports.has(port));
    const label = broker ? (broker.name === 'broker' ? 'the broker' : `the ${broker.name} broker`) : `a broker at ${url}`;
    const known = [...lanes.values()].find((l) => l.label === label);
    lanes.set(url, known ?? { id: `b${new Set([...lanes.values()].map((l) => l.id)).size}`, label });
  }
  return (url) => lanes.get(url)!;
}

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
  if (p.will) parts.push(`will on ${(p.will as { topic: string }).topic}`);
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

function quoted(payload: unknown): string {
  const value = payload === undefined || payload === null ? '' : String(payload);
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
}

/**
 * Text as Mermaid reads it in a message or a name: `#` and `;` start its entity codes and a
 * line break or `<`/`>` would end or break the statement, so they go in as entity codes.
 */
function text(value: string): string {
  return value.replace(/[#;<>\n\r%]/g, (c) => `#${c.charCodeAt(0)};`);
}
