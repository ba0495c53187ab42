/**
 * Lab 14: what the steps do with the fan-out publisher and failover subscriber apps
 * (labs/lab14/): start them against the scenario's independent brokers, read their lines as
 * events (which brokers took a message, a failover, a delivery, a dropped duplicate) and work
 * out the figures the lesson reports (failover times, the largest gap between two deliveries).
 * The line formats are the apps' own (labs/lab14/fan-out-publisher.ts, failover-subscriber.ts).
 */
import { LabWorld } from '../world/world';
import { APP_START_MS } from './app-scenarios';
import { appOf, startApp } from './lab-apps';
import { RunningApp } from './running-app';

export const PUBLISHER = 'fan-out publisher';
export const SUBSCRIBER = 'failover subscriber';
/** The publisher part of every message id in the scenarios: ids are "fan-out:<n>". */
export const PUBLISHER_ID = 'fan-out';
export const TOPIC = 'plant/line-1/counter';
export const PAYLOAD_WORD = 'reading';

/** The order of the scenario's brokers in BROKERS: the order the subscriber tries them in. */
export function setBrokerOrder(world: LabWorld, names: string[]): void {
  world.highAvailability.brokerOrder = names;
}

/** BROKERS for the apps: every broker of the scenario, in the order the feature lists them. */
export function brokersSetting(world: LabWorld): string {
  const order = world.highAvailability.brokerOrder ?? [...world.brokers.keys()];
  return order.map((name) => `${name}=${world.broker(name).url()}`).join(',');
}

/** Starts the fan-out publisher app; `count` 0 streams until it is stopped. */
export async function startPublisher(world: LabWorld, count: number, intervalMs: number): Promise<RunningApp> {
  const app = await startApp(world, PUBLISHER, {
    BROKERS: brokersSetting(world),
    PUBLISHER_ID,
    TOPIC,
    MESSAGE: PAYLOAD_WORD,
    COUNT: String(count),
    INTERVAL_MS: String(intervalMs),
    // A killed broker closes the connection at once; this bounds only a broker that hangs.
    ACK_TIMEOUT_MS: '2000',
  });
  await app.waitForLine('"publishing to ..."', (line) => line.startsWith('publishing to '), APP_START_MS);
  return app;
}

/** Starts the failover subscriber app and waits until it listens on its first broker. */
export async function startSubscriber(world: LabWorld, filter: string, extra: Record<string, string> = {}): Promise<RunningApp> {
  const app = await startApp(world, SUBSCRIBER, { BROKERS: brokersSetting(world), TOPIC: filter, MQTT_CLIENT_ID: 'failover-subscriber', ...extra });
  await app.waitForLine('"listening on ..."', (line) => line.startsWith('listening on '), APP_START_MS);
  return app;
}

/** One "message N (id ...) taken by ...; missed by ..." line of the publisher. */
export interface PublisherReport {
  sequence: number;
  takenBy: string[];
  missedBy: string[];
  line: string;
}

const TAKEN = /^message (\d+) \(id [^)]+\) taken by ([^;]+)(?:; missed by (.+))?$/;
const NOT_TAKEN = /^message (\d+) \(id [^)]+\) TAKEN BY NO BROKER: (.+)$/;
/** "bravo (not connected), alpha (connection lost before the PUBACK)" -> ["bravo", "alpha"] */
const brokerNames = (text: string) => [...text.matchAll(/([\w-]+) \([^)]*\)/g)].map((m) => m[1]!);

export function publisherReport(line: string): PublisherReport | undefined {
  const taken = TAKEN.exec(line);
  if (taken) return { sequence: Number(taken[1]), takenBy: taken[2]!.split(', '), missedBy: taken[3] ? brokerNames(taken[3]) : [], line };
  const none = NOT_TAKEN.exec(line);
  if (none) return { sequence: Number(none[1]), takenBy: [], missedBy: brokerNames(none[2]!), line };
  return undefined;
}

export function publisherReports(app: RunningApp): PublisherReport[] {
  return app.events.map(publisherReport).filter((r): r is PublisherReport => r !== undefined);
}

/** Waits for the publisher's report of a message after `from` (an index of its events) that `matches`. */
export async function waitForReport(app: RunningApp, description: string, matches: (report: PublisherReport) => boolean, timeoutMs: number, from = 0): Promise<PublisherReport> {
  const line = await app.waitForLine(description, (text) => {
    const report = publisherReport(text);
    return report !== undefined && matches(report);
  }, timeoutMs, from);
  return publisherReport(line)!;
}

/** One message the subscriber app handed to its application. */
export interface Delivery {
  payload: string;
  id: string;
  broker: string;
  atMs: number;
}

const DELIVERED = /^delivered (.+) \(id ([^)]+)\) on \S+ from ([\w-]+)$/;

export function deliveries(app: RunningApp): Delivery[] {
  return app.lines.flatMap((line) => {
    const match = line.stream === 'stdout' ? DELIVERED.exec(line.text) : null;
    return match ? [{ payload: match[1]!, id: match[2]!, broker: match[3]!, atMs: line.atMs }] : [];
  });
}

/** The ids of the "dropped duplicate <id> from <broker>" lines. */
export function droppedDuplicates(app: RunningApp): { id: string; broker: string }[] {
  return app.events.flatMap((line) => {
    const match = /^dropped duplicate (\S+) from ([\w-]+)$/.exec(line);
    return match ? [{ id: match[1]!, broker: match[2]! }] : [];
  });
}

/** Waits until the subscriber has delivered `count` messages in all. */
export async function waitForDeliveries(app: RunningApp, count: number, timeoutMs: number): Promise<void> {
  // The probe looks at all the lines each time one arrives: any line will do once the count is reached.
  await app.waitForLine(`that it delivered ${count} messages`, () => deliveries(app).length >= count, timeoutMs);
}

/** A failover the subscriber app reported: "failed over from A to B in N ms (B kept my session: yes)". */
export interface Failover {
  from: string;
  to: string;
  /** The app's own figure: from the lost connection to the SUBACK on the next broker. */
  ms: number;
  sessionKept: boolean;
}

const FAILED_OVER = /^failed over from ([\w-]+) to ([\w-]+) in (\d+) ms \(\S+ kept my session: (yes|no)\)$/;

export function failoverOf(line: string): Failover | undefined {
  const match = FAILED_OVER.exec(line);
  return match ? { from: match[1]!, to: match[2]!, ms: Number(match[3]), sessionKept: match[4] === 'yes' } : undefined;
}

export function failovers(app: RunningApp): Failover[] {
  return app.events.map(failoverOf).filter((f): f is Failover => f !== undefined);
}

/** Waits for the subscriber's next failover to `to` (one not yet counted), bounded. */
export async function waitForFailover(world: LabWorld, to: string, timeoutMs: number): Promise<Failover> {
  const app = appOf(world, SUBSCRIBER);
  const state = world.highAvailability;
  const line = await app.waitForLine(`that it failed over to ${to}`, (text) => failoverOf(text)?.to === to, timeoutMs, state.failoverMark);
  state.failoverMark = app.events.indexOf(line, state.failoverMark) + 1;
  return failoverOf(line)!;
}

/** Where the last wait for a failover stopped reading the subscriber's lines. */

export function setCounterBaseline(world: LabWorld, broker: string, value: number): void {
  world.highAvailability.counterBaselines.set(broker, value);
}

export function counterBaseline(world: LabWorld, broker: string): number {
  const value = world.highAvailability.counterBaselines.get(broker);
  if (value === undefined) throw new Error(`The operator is not watching the ${broker} broker's $SYS counters`);
  return value;
}

/** Remembers who published the numbered messages with ids a later step expects. */
export function setIdPublisher(world: LabWorld, name: string): void {
  world.highAvailability.idPublisher = name;
}

export function idPublisher(world: LabWorld): string {
  return world.highAvailability.idPublisher ?? PUBLISHER_ID;
}

export function setStreamed(world: LabWorld, count: number): void {
  world.highAvailability.streamed = count;
}

export function streamedCount(world: LabWorld): number {
  const count = world.highAvailability.streamed;
  if (count === undefined) throw new Error('No step counted the messages the fan-out publisher app published');
  return count;
}


/** The largest pause between two deliveries in a row, in ms, and between which messages. */
export function largestGap(delivered: Delivery[]): { ms: number; after?: string; before?: string } {
  let gap: { ms: number; after?: string; before?: string } = { ms: 0 };
  for (let i = 1; i < delivered.length; i++) {
    const ms = delivered[i]!.atMs - delivered[i - 1]!.atMs;
    if (ms > gap.ms) gap = { ms, after: delivered[i - 1]!.id, before: delivered[i]!.id };
  }
  return gap;
}

/** Median and worst of a list of figures. */
export function medianAndWorst(values: number[]): { median: number; worst: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, worst: sorted.at(-1) ?? 0 };
}
