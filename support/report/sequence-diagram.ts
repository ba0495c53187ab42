/**
 * A scenario's MQTT exchange as a Mermaid sequence diagram: one lane per client, per broker and
 * per bridge, one arrow per packet, drawn from the packets each LabClient's socket really wrote
 * and read (LabClient.wire, re-parsed from the bytes with mqtt-packet), in the order this process
 * saw them. Publishers are put left of the brokers and everyone else right of them, so a message
 * reads left to right: thermostat -> broker -> dashboard.
 *
 * What the lesson needs and the packets alone do not show:
 *  - a bridge's lane with the PUBLISHes it carried (inferred where certain: bridge-hops.ts);
 *  - the test's machinery left out: bridge watcher and probe clients are not drawn, and the
 *    absence barrier's PINGREQ rounds become one "barrier" note (barrier-runs.ts);
 *  - a connection that closed without DISCONNECT, as a cross on the client's lane;
 *  - time: each When step is a note with its elapsed time, and a pause of half a second or more
 *    between two arrows is a note "1.02 s later", so a will delay or a keepalive can be seen.
 */
import type { LabClient, WirePacket } from '../clients/lab-client';
import { packetLabel, quoted } from './packet-labels';
import { barrierRuns, isMachineryClient, machineryPackets } from './barrier-runs';
import { BridgeLane, hopsBefore, SeenPublish } from './bridge-hops';
import type { Moment } from './step-moments';

export type { BridgeLane } from './bridge-hops';

/** A broker lane: its name in the scenario and the host ports its listeners are published on. */
export interface BrokerLane {
  name: string;
  ports: Set<number>;
}

export interface DiagramInput {
  clients: LabClient[];
  brokers: BrokerLane[];
  bridges?: BridgeLane[];
  /** When steps and broker faults, in time (step-moments.ts). */
  moments?: Moment[];
  /** The zero of the elapsed times (ms since the epoch): the scenario's first step. */
  startedAt?: number;
}

/** Beyond this many packets the diagram stops (a long soak would make an unreadable picture). */
export const MAX_ARROWS = 400;
/** A pause this long between two arrows is drawn as a note: shorter ones are just scheduling. */
export const PAUSE_SHOWN_MS = 500;

interface Traffic {
  client: LabClient;
  clientName: string;
  w: WirePacket;
  /** ms since the epoch. */
  time: number;
}

export function sequenceDiagram(input: DiagramInput): string | undefined {
  const drawn = input.clients.filter((c) => !isMachineryClient(c.name));
  const traffic: Traffic[] = drawn
    .flatMap((client) => client.wire.map((w) => ({ client, clientName: client.name, w, time: client.createdAt + w.at })))
    .sort((a, b) => a.w.seen - b.w.seen);
  if (traffic.length === 0) return undefined;
  const lanes = new Lanes(input, traffic);
  const zero = input.startedAt ?? traffic[0].time;
  const events = new Events(lanes, zero);
  const machinery = new Set(drawn.flatMap((c) => [...machineryPackets(c.wire)]));
  const barriers = barrierRuns(traffic, machinery);
  const sent = publishesOf(traffic, lanes, 'sent');
  const moments = [...(input.moments ?? []), ...closesOf(drawn, lanes, input.moments ?? [])].sort((a, b) => a.at - b.at);
  for (let i = 0; i < Math.min(traffic.length, MAX_ARROWS); i++) {
    const t = traffic[i];
    while (moments.length > 0 && isDue(moments[0], t)) events.moment(moments.shift()!);
    events.pauseBefore(t.time);
    const barrier = barriers.find(([first, last]) => i >= first && i <= last);
    if (barrier) {
      if (i === barrier[0]) events.note(`absence barrier: ${barrier[1] - barrier[0] + 1} PINGREQ/PINGRESP packets (and probes across any bridge) prove nothing more is on its way`);
      continue;
    }
    // A probe that crossed while a bridge came up: the test's, not the lesson's.
    if (machinery.has(t.w) && t.w.packet.cmd !== 'pingreq' && t.w.packet.cmd !== 'pingresp') continue;
    if (t.w.direction === 'received' && t.w.packet.cmd === 'publish') events.hops(hopsBefore(seenPublish(t, lanes), sent, input.bridges ?? []));
    events.packet(t);
  }
  for (const moment of moments) events.moment(moment);
  if (traffic.length > MAX_ARROWS) events.note(`${traffic.length - MAX_ARROWS} more packets not drawn`);
  return [...lanes.participants(), ...events.lines].join('\n');
}

/** A step's note by the packet order it recorded; a close or a fault by the clock. */
function isDue(moment: Moment, t: Traffic): boolean {
  return moment.afterSeen !== undefined ? t.w.seen > moment.afterSeen : moment.at < t.time;
}

function seenPublish(t: Traffic, lanes: Lanes): SeenPublish {
  const p = t.w.packet as unknown as { topic: string; payload: unknown; qos: number };
  return { broker: lanes.brokerOf(t.w.url), topic: p.topic, payload: String(p.payload ?? ''), qos: p.qos, seen: t.w.seen };
}

function publishesOf(traffic: Traffic[], lanes: Lanes, direction: WirePacket['direction']): SeenPublish[] {
  return traffic.filter((t) => t.w.direction === direction && t.w.packet.cmd === 'publish').map((t) => seenPublish(t, lanes));
}

/**
 * Connections that closed without a DISCONNECT either way (a dropped socket, a broker that
 * went away or cut the client off): a cross on the client's lane at the moment it closed.
 * A client keeps only its LAST close time, so only that one is drawn. When the scenario
 * stopped, killed or cut off that client's broker just then (a fault's time is when the call
 * returned, a moment after the broker closed its sockets), the cross says the broker did it.
 */
function closesOf(clients: LabClient[], lanes: Lanes, moments: Moment[]): Moment[] {
  const closes: Moment[] = [];
  for (const client of clients) {
    const closedAt = client.closedAt;
    if (closedAt === undefined) continue;
    const last = client.wire.filter((w) => client.createdAt + w.at <= closedAt).at(-1);
    if (!last || last.packet.cmd === 'disconnect') continue;
    const broker = lanes.brokerOf(last.url);
    const fault = moments.find((m) => m.over === broker && m.at >= closedAt - FAULT_CLOSE_MS && m.at <= closedAt + FAULT_CLOSE_MS);
    const label = fault ? `connection closed by the broker (${fault.text}), no DISCONNECT` : 'connection closed with no DISCONNECT';
    closes.push({ at: closedAt, text: `${lanes.clientId(client)}-x${lanes.brokerLaneId(last.url)}: ${label}`, over: 'arrow' });
  }
  return closes;
}

/** How far apart a broker fault's record and a client's close may be to be one event. */
const FAULT_CLOSE_MS = 3_000;

/** The participants: publishers, then each broker followed by the bridges it holds, then the rest. */
class Lanes {
  private readonly ids = new Map<LabClient, string>();
  private readonly brokerIds = new Map<string, string>();
  private readonly urlBroker = new Map<string, string>();
  private readonly left: LabClient[];
  private readonly right: LabClient[];
  readonly bridgeIds = new Map<BridgeLane, string>();

  constructor(
    private readonly input: DiagramInput,
    traffic: Traffic[],
  ) {
    const talking = [...new Set(traffic.map((t) => t.client))];
    talking.forEach((c, i) => this.ids.set(c, `c${i}`));
    const publishes = (c: LabClient, d: WirePacket['direction']) => c.wire.filter((w) => w.direction === d && w.packet.cmd === 'publish').length;
    this.left = talking.filter((c) => publishes(c, 'sent') > 0 && publishes(c, 'sent') >= publishes(c, 'received'));
    this.right = talking.filter((c) => !this.left.includes(c));
    for (const url of new Set(traffic.map((t) => t.w.url))) this.urlBroker.set(url, this.findBroker(url));
    const used = new Set([...this.urlBroker.values(), ...(input.bridges ?? []).flatMap((b) => [b.local, b.remote])]);
    [...used].forEach((name, i) => this.brokerIds.set(name, `b${i}`));
    (input.bridges ?? []).forEach((bridge, i) => this.bridgeIds.set(bridge, `r${i}`));
  }

  private findBroker(url: string): string {
    const port = Number(/:(\d+)(?:\/|$)/.exec(url)?.[1]);
    const brokers = this.input.brokers;
    const broker = brokers.length === 1 ? brokers[0] : brokers.find((b) => b.ports.has(port));
    return broker?.name ?? `a broker at ${url}`;
  }

  brokerOf(url: string): string {
    return this.urlBroker.get(url)!;
  }

  brokerLaneId(url: string): string {
    return this.brokerIds.get(this.brokerOf(url))!;
  }

  brokerId(name: string): string {
    return this.brokerIds.get(name)!;
  }

  /** A broker's lane if the diagram has one (a broker nobody talked to has none). */
  hasBroker(name: string): boolean {
    return this.brokerIds.has(name);
  }

  clientId(client: LabClient): string {
    return this.ids.get(client)!;
  }

  /** The first and last lane, for a note across the whole diagram. */
  span(): string {
    const order = this.order().map((lane) => lane.id);
    return order.length > 1 ? `${order[0]},${order.at(-1)}` : order[0];
  }

  /**
   * Publishers, then the brokers no bridge reaches (a leaf, an edge) each followed by its
   * bridges, then the brokers the bridges reach (a hub, the cloud), then the other clients: a
   * bridged message reads left to right, site -> bridge -> hub -> subscriber.
   */
  private order(): { id: string; label: string }[] {
    const client = (c: LabClient) => ({ id: this.clientId(c), label: `the ${c.name}` });
    const reached = new Set([...this.bridgeIds.keys()].map((b) => b.remote));
    const names = [...this.brokerIds.keys()];
    const brokers = [...names.filter((n) => !reached.has(n)), ...names.filter((n) => reached.has(n))].flatMap((name) => [
      { id: this.brokerIds.get(name)!, label: brokerLabel(name) },
      ...[...this.bridgeIds]
        .filter(([bridge]) => bridge.local === name)
        .map(([bridge, id]) => ({ id, label: `bridge "${bridge.name}" (${bridge.local} to ${bridge.remote})` })),
    ]);
    return [...this.left.map(client), ...brokers, ...this.right.map(client)];
  }

  participants(): string[] {
    return ['sequenceDiagram', ...this.order().map((lane) => `  participant ${lane.id} as ${text(lane.label)}`)];
  }
}

function brokerLabel(name: string): string {
  return name === 'broker' ? 'the broker' : name.startsWith('a broker at') ? name : `the ${name} broker`;
}

/** The diagram's statements after the participants, with the time bookkeeping they need. */
class Events {
  readonly lines: string[] = [];
  private lastTime?: number;
  private readonly hopsDrawn = new Set<string>();

  constructor(
    private readonly lanes: Lanes,
    private readonly zero: number,
  ) {}

  private elapsed(at: number): string {
    return `+${((at - this.zero) / 1000).toFixed(2)} s`;
  }

  note(message: string, over = this.lanes.span()): void {
    this.lines.push(`  Note over ${over}: ${text(message)}`);
  }

  moment(moment: Moment): void {
    this.pauseBefore(moment.at);
    // A close is an arrow statement made by closesOf; a step or fault is a note.
    if (moment.over === 'arrow') this.lines.push(`  ${moment.text.replace(/: (.*)$/, (_m, label: string) => `: ${text(`${this.elapsed(moment.at)} ${label}`)}`)}`);
    else if (!moment.over) this.note(`${this.elapsed(moment.at)} ${moment.text}`);
    else this.note(`${this.elapsed(moment.at)} ${brokerLabel(moment.over)} ${moment.text}`, this.lanes.hasBroker(moment.over) ? this.lanes.brokerId(moment.over) : undefined);
    this.lastTime = moment.at;
  }

  pauseBefore(time: number): void {
    if (this.lastTime !== undefined && time - this.lastTime >= PAUSE_SHOWN_MS) this.note(`${((time - this.lastTime) / 1000).toFixed(2)} s later`);
    this.lastTime = Math.max(this.lastTime ?? time, time);
  }

  packet(t: Traffic): void {
    const me = this.lanes.clientId(t.client);
    const broker = this.lanes.brokerLaneId(t.w.url);
    const [from, to] = t.w.direction === 'sent' ? [me, broker] : [broker, me];
    // Keepalive pings are dotted: they carry no application message.
    const ping = t.w.packet.cmd === 'pingreq' || t.w.packet.cmd === 'pingresp';
    const label = packetLabel(t.w.packet, t.client.protocolVersion) + (ping ? ' (keepalive)' : '');
    this.lines.push(`  ${from}${ping ? '-->>' : '->>'}${to}: ${text(label)}`);
  }

  /** The hops that brought a received PUBLISH across bridges, each drawn once per message. */
  hops(found: ReturnType<typeof hopsBefore>): void {
    if (!found) return;
    for (const hop of found.hops) {
      const key = `${found.origin.seen}/${hop.bridge.local}/${hop.bridge.name}`;
      if (this.hopsDrawn.has(key)) continue;
      this.hopsDrawn.add(key);
      const lane = this.lanes.bridgeIds.get(hop.bridge)!;
      const line = `topic ${hop.line.pattern} ${hop.line.direction} ${hop.line.qos} ${hop.line.localPrefix || '""'} ${hop.line.remotePrefix || '""'}`;
      this.lines.push(`  ${this.lanes.brokerId(hop.from.broker)}->>${lane}: ${text(`${hop.from.topic} matches: ${line}`)}`);
      this.lines.push(`  ${lane}->>${this.lanes.brokerId(hop.to.broker)}: ${text(`PUBLISH QoS ${hop.qos} ${hop.to.topic} ${quoted(found.origin.payload)}`)}`);
    }
  }
}

/**
 * Text as Mermaid reads it in a message or a name: `#` and `;` start its entity codes and a
 * line break or `<`/`>` would end or break the statement, so they go in as entity codes.
 */
function text(value: string): string {
  return value.replace(/[#;<>\n\r%]/g, (c) => `#${c.charCodeAt(0)};`);
}
