/**
 * Lab 14 steps: high availability without clustering. Independent brokers, the fan-out
 * publisher app that writes to all of them, the failover subscriber app that moves between
 * them, and the figures that show what it keeps and what it costs (support/apps/high-availability.ts).
 */
import { DataTable, Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import { expectEndedWith } from '../support/apps/app-scenarios';
import {
  counterBaseline,
  deliveries,
  Delivery,
  droppedDuplicates,
  failovers,
  idPublisher,
  largestGap,
  medianAndWorst,
  PUBLISHER,
  PUBLISHER_ID,
  publisherReports,
  setBrokerOrder,
  setCounterBaseline,
  setIdPublisher,
  setStreamed,
  startPublisher,
  startSubscriber,
  streamedCount,
  SUBSCRIBER,
  waitForDeliveries,
  waitForFailover,
  waitForReport,
} from '../support/apps/high-availability';
import { appOf } from '../support/apps/lab-apps';
import { lastFaultOf } from '../support/brokers/faults';
import { latestValue, UPTIME_TOPIC, waitForLiveUpdate, waitForValue } from '../support/brokers/sys-tree';
import { QoS } from '../support/clients/lab-client';
import { MESSAGE_ID_PROPERTY, messageId } from '../labs/lab14/message-id';
import { publishOrFail } from '../support/mqtt/publishing';
import { PROMPTLY_MS } from '../support/sync/waiting';
import { LabWorld } from '../support/world/world';

/** A run of a few messages to two local brokers; a loaded machine included. */
const SHORT_RUN_MS = 10_000;
/**
 * A backup's replay of its queue (60 messages here): ~0.2 s. It slows as the queue grows, since
 * autosave_on_changes 1 writes the whole database after every PUBACK (summary.md).
 */
const REPLAY_MS = 5_000;
/** Mosquitto 2.0 with sys_interval 1 updates $SYS about every 2 s. */
const ONE_SYS_UPDATE_MS = 4_000;

Given('these independent brokers run:', async function (this: LabWorld, table: DataTable) {
  const rows = table.hashes() as { broker: string; config: string }[];
  // Side by side, no network between them: nothing they could share. Started together (saves a
  // second); the apps get them in the table's order, the order the subscriber tries them in.
  await Promise.all(rows.map(({ broker, config }) => this.startBroker(broker, config)));
  setBrokerOrder(this, rows.map((row) => row.broker));
});

// ---- the fan-out publisher app -------------------------------------------------------------

When('the fan-out publisher app is built and run to publish {int} messages', async function (this: LabWorld, count: number) {
  const app = await startPublisher(this, count, 0);
  await app.waitForExit(SHORT_RUN_MS);
  expectEndedWith(app, 0);
});

Given('the fan-out publisher app has published {int} messages, and the failover subscriber app delivered them', async function (this: LabWorld, count: number) {
  const app = await startPublisher(this, count, 0);
  await app.waitForExit(SHORT_RUN_MS);
  expectEndedWith(app, 0);
  await waitForDeliveries(appOf(this, SUBSCRIBER), count, PROMPTLY_MS);
});

Given('the fan-out publisher app streams a message every {int} ms', async function (this: LabWorld, intervalMs: number) {
  const app = await startPublisher(this, 0, intervalMs);
  await waitForReport(app, 'its first message', () => true, PROMPTLY_MS);
});

Then('the fan-out publisher app reports each of the {int} messages taken by {word} and {word}', function (this: LabWorld, count: number, first: string, second: string) {
  const app = appOf(this, PUBLISHER);
  const reports = publisherReports(app);
  expect(reports.map((r) => r.sequence), `the messages ${app.name} reported\n${app.describe()}`).to.deep.equal(range(1, count));
  for (const report of reports) expect(report.takenBy, `the brokers that took message ${report.sequence}: ${report.line}`).to.have.members([first, second]);
});

Then(
  'the fan-out publisher app reports each of the {int} messages taken by {word} and missed by {word}',
  function (this: LabWorld, count: number, taker: string, misser: string) {
    const app = appOf(this, PUBLISHER);
    const reports = publisherReports(app);
    expect(reports.map((r) => r.sequence), `the messages ${app.name} reported\n${app.describe()}`).to.deep.equal(range(1, count));
    for (const report of reports) {
      expect(report.takenBy, `the brokers that took message ${report.sequence}: ${report.line}`).to.deep.equal([taker]);
      expect(report.missedBy, `the brokers named as missing message ${report.sequence}: ${report.line}`).to.deep.equal([misser]);
    }
  },
);

Then('the fan-out publisher app reports a message missed by {word}', async function (this: LabWorld, broker: string) {
  await waitForReport(appOf(this, PUBLISHER), `a message missed by ${broker}`, (r) => r.missedBy.includes(broker) && r.takenBy.length > 0, PROMPTLY_MS);
});

Then('the fan-out publisher app reconnects to {word} within {int} seconds', async function (this: LabWorld, broker: string, seconds: number) {
  const app = appOf(this, PUBLISHER);
  // A reconnection after the last loss of that broker, not an earlier one.
  const lost = app.events.lastIndexOf(`connection to ${broker} lost; reconnecting`);
  expect(lost, `${app.name} never lost ${broker}\n${app.describe()}`).to.be.at.least(0);
  await app.waitForLine(`"reconnected to ${broker}"`, (line) => line === `reconnected to ${broker}`, seconds * 1000, lost + 1);
});

Then(
  'within {int} seconds the fan-out publisher app is back on {word}, and {word} takes a message again',
  async function (this: LabWorld, seconds: number, broker: string, taker: string) {
    const app = appOf(this, PUBLISHER);
    const deadline = Date.now() + seconds * 1000;
    const lost = app.events.lastIndexOf(`connection to ${broker} lost; reconnecting`);
    expect(lost, `${app.name} never lost ${broker}\n${app.describe()}`).to.be.at.least(0);
    const back = await app.waitForLine(`"reconnected to ${broker}"`, (line) => line === `reconnected to ${broker}`, seconds * 1000, lost + 1);
    // A report printed after the reconnection: that message is on the broker that came back.
    const from = app.events.indexOf(back, lost + 1) + 1;
    await waitForReport(app, `a message taken by ${taker} after it came back`, (r) => r.takenBy.includes(taker), Math.max(deadline - Date.now(), 1), from);
  },
);

Given('the failover subscriber app has delivered {int} messages', async function (this: LabWorld, count: number) {
  await waitForDeliveries(appOf(this, SUBSCRIBER), count, PROMPTLY_MS);
});

Then('the fan-out publisher app reports a later message taken by {word} and {word}', async function (this: LabWorld, first: string, second: string) {
  const app = appOf(this, PUBLISHER);
  const from = app.events.length;
  await waitForReport(app, `a message taken by ${first} and ${second}`, (r) => r.takenBy.includes(first) && r.takenBy.includes(second), PROMPTLY_MS, from);
});

Then('the fan-out publisher app reports a message taken by no broker', async function (this: LabWorld) {
  await waitForReport(appOf(this, PUBLISHER), 'a message TAKEN BY NO BROKER', (r) => r.takenBy.length === 0, PROMPTLY_MS);
});

Then('the fan-out publisher app ends with exit code {int}, counting the messages no broker took', function (this: LabWorld, code: number) {
  const app = appOf(this, PUBLISHER);
  expectEndedWith(app, code);
  const untaken = publisherReports(app).filter((r) => r.takenBy.length === 0).length;
  const summary = app.events.find((line) => /^published \d+ messages, \d+ taken by no broker$/.test(line));
  expect(summary, `the count ${app.name} printed at the end\n${app.describe()}`).to.match(new RegExp(`, ${untaken} taken by no broker$`));
});

// ---- what it costs: the brokers' own counters -------------------------------------------------

/** The operator's client on each broker and where its baseline ends in its inbox. */
const PUBLISHES_RECEIVED = '$SYS/broker/publish/messages/received';
const operatorOn = (broker: string) => `operator at ${broker}`;

Given('the operator watches {topic} on every broker', async function (this: LabWorld, topic: string) {
  expect(topic, 'the counter this step knows how to compare').to.equal(PUBLISHES_RECEIVED);
  await Promise.all(
    [...this.brokers.keys()].map(async (broker) => {
      const client = this.client(operatorOn(broker));
      await client.connect(this.broker(broker).url());
      await client.subscribe([topic, UPTIME_TOPIC], { qos: 0 });
      // The baseline: the value of an update that ran after the subscription (none yet: 0).
      await waitForLiveUpdate(client, ONE_SYS_UPDATE_MS);
      setCounterBaseline(this, broker, latestValue(client, topic) ?? 0);
    }),
  );
});

Then(
  'within {int} seconds each broker counts {int} more publishes received, {int} in all for {int} messages',
  async function (this: LabWorld, seconds: number, perBroker: number, total: number, messages: number) {
    expect(perBroker * this.brokers.size, 'publishes on the wire, as the step counts them').to.equal(total);
    const deadline = Date.now() + seconds * 1000;
    const counted: string[] = [];
    for (const broker of this.brokers.keys()) {
      const client = this.existingClient(operatorOn(broker));
      const baseline = counterBaseline(this, broker);
      await waitForValue(client, PUBLISHES_RECEIVED, baseline + perBroker, Math.max(deadline - Date.now(), 1));
      counted.push(`${broker}: ${baseline} -> ${latestValue(client, PUBLISHES_RECEIVED)}`);
    }
    this.log(`${PUBLISHES_RECEIVED} for ${messages} messages: ${counted.join(', ')}`);
  },
);

// ---- the failover subscriber app -----------------------------------------------------------

Given('the failover subscriber app is started, subscribed to {topic}', async function (this: LabWorld, filter: string) {
  await startSubscriber(this, filter);
});

Given('the failover subscriber app is started with room for {int} message ids, subscribed to {topic}', async function (this: LabWorld, capacity: number, filter: string) {
  await startSubscriber(this, filter, { DEDUP_CAPACITY: String(capacity) });
});

Then('the failover subscriber app prepared a durable session on {word} and listens on {word}', function (this: LabWorld, backup: string, primary: string) {
  const app = appOf(this, SUBSCRIBER);
  expect(app.events, `what ${app.name} printed`).to.include(`prepared a durable session on ${backup}`);
  expect(app.events.find((line) => line.startsWith('listening on ')), `where ${app.name} listens\n${app.describe()}`).to.match(new RegExp(`^listening on ${primary} `));
});

When(
  '{client} publishes {numbered} to {topic} with message ids and {qos} on {broker}',
  async function (this: LabWorld, name: string, payloads: string[], topic: string, qos: QoS, broker: string) {
    const client = this.client(name, 5);
    await client.connect(this.broker(broker).url());
    setIdPublisher(this, name);
    for (const [index, payload] of payloads.entries()) {
      const properties = { userProperties: { [MESSAGE_ID_PROPERTY]: messageId(name, index + 1) } };
      await publishOrFail(client, topic, payload, { qos, properties });
    }
  },
);

/** The subscriber's deliveries, each id once, in the order given; fails naming what it printed. */
function expectDeliveredOnceInOrder(world: LabWorld, expected: { id: string; payload?: string }[], from?: string): Delivery[] {
  const app = appOf(world, SUBSCRIBER);
  const delivered = deliveries(app);
  const wanted = expected.map((e) => e.id);
  const ids = delivered.map((d) => d.id).filter((id) => wanted.includes(id));
  const missing = wanted.filter((id) => !ids.includes(id));
  const twice = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  const problems = [
    missing.length && `never handed over (lost): ${listed(missing)}`,
    twice.length && `handed over more than once: ${listed(twice)}`,
  ].filter(Boolean);
  if (problems.length === 0) expect(ids, `the order in which ${app.name} handed the messages to its application`).to.deep.equal(wanted);
  else {
    throw new Error(
      `Of the ${wanted.length} messages, the application behind ${app.name} got ${new Set(ids).size}: ${problems.join('; ')}.\n` +
        `A message only a backup had is lost when that broker forgot the subscriber's session (persistence) or dropped it from a full queue (max_queued_messages); ` +
        `a duplicate gets through when the de-duplication store forgot its id.\n${app.describe()}`,
    );
  }
  for (const e of expected) {
    const delivery = delivered.find((d) => d.id === e.id)!;
    if (e.payload !== undefined) expect(delivery.payload, `the payload of ${e.id}`).to.equal(e.payload);
    if (from !== undefined) expect(delivery.broker, `the broker ${e.id} came from`).to.equal(from);
  }
  return delivered;
}

/** "a:1, a:2, ... (120 in all)": a long list, shortened. */
function listed(ids: string[]): string {
  return ids.length <= 8 ? ids.join(', ') : `${ids.slice(0, 8).join(', ')}, ... (${ids.length} in all)`;
}

Then(
  'the failover subscriber app delivers messages {int} to {int} of the fan-out publisher app from {word}, each exactly once and in order',
  async function (this: LabWorld, first: number, last: number, broker: string) {
    // Waited for, then judged: fewer than expected is a loss, which the check below words.
    await waitForDeliveries(appOf(this, SUBSCRIBER), last - first + 1, PROMPTLY_MS).catch(() => undefined);
    expectDeliveredOnceInOrder(this, range(first, last).map((n) => ({ id: messageId(PUBLISHER_ID, n), payload: `reading ${n}` })), broker);
  },
);

Then('the failover subscriber app delivers {numbered} from {word}, each exactly once and in order', async function (this: LabWorld, payloads: string[], broker: string) {
  await waitForDeliveries(appOf(this, SUBSCRIBER), payloads.length, REPLAY_MS).catch(() => undefined);
  // The ids of the client that published them: "sensor:1", ...
  const publisher = idPublisher(this);
  const delivered = expectDeliveredOnceInOrder(this, payloads.map((payload, i) => ({ id: messageId(publisher, i + 1), payload })), broker);
  const replay = delivered.filter((d) => d.broker === broker);
  if (replay.length > 1) this.log(`${broker} replayed ${replay.length} queued messages in ${replay.at(-1)!.atMs - replay[0]!.atMs} ms (first to last delivery)`);
});

Then(
  'the failover subscriber app fails over to {word} within {int} seconds, and {word} kept its session',
  async function (this: LabWorld, to: string, seconds: number, keeper: string) {
    const failover = await waitForFailover(this, to, seconds * 1000);
    this.log(`failover from ${failover.from} to ${failover.to}: ${failover.ms} ms from the lost connection to the SUBACK on ${failover.to}`);
    expect(failover.ms, `ms the failover to ${to} took, as the subscriber measured it`).to.be.at.most(seconds * 1000);
    const app = appOf(this, SUBSCRIBER);
    expect(failover.sessionKept, `${keeper} kept the durable session the subscriber left there (CONNACK session present)\n${app.describe()}`).to.equal(true);
  },
);

Given('the failover subscriber app is started with a keepalive of {int} second(s), subscribed to {topic}', async function (this: LabWorld, seconds: number, filter: string) {
  await startSubscriber(this, filter, { KEEPALIVE_S: String(seconds) });
});

Then(
  'the failover subscriber app fails over to {word} within {int} seconds of the freeze, and {word} kept its session',
  async function (this: LabWorld, to: string, seconds: number, keeper: string) {
    const frozen = lastFaultOf(this, [...this.brokers.keys()], ['paused']);
    const failover = await waitForFailover(this, to, Math.max(frozen.at + seconds * 1000 - Date.now(), 1));
    // Seen when the line arrived: the wait ends on the line, not on a poll.
    const afterFreezeMs = Date.now() - frozen.at;
    this.log(`${frozen.broker} froze; the subscriber was subscribed on ${to} ${afterFreezeMs} ms later (the move itself: ${failover.ms} ms)`);
    expect(afterFreezeMs, `ms from the freeze to the failover to ${to}`).to.be.at.most(seconds * 1000);
    expect(failover.sessionKept, `${keeper} kept the durable session the subscriber left there (CONNACK session present)`).to.equal(true);
  },
);

Then(
  'the failover subscriber app drops the copies of messages {int} to {int} that {word} queued, as duplicates',
  async function (this: LabWorld, first: number, last: number, broker: string) {
    const app = appOf(this, SUBSCRIBER);
    const ids = range(first, last).map((n) => messageId(PUBLISHER_ID, n));
    const dropped = () => droppedDuplicates(app).filter((d) => d.broker === broker).map((d) => d.id);
    await app.waitForLine(`that it dropped the duplicates ${ids.join(', ')} from ${broker}`, () => ids.every((id) => dropped().includes(id)), PROMPTLY_MS);
    expectDeliveredOnceInOrder(this, ids.map((id) => ({ id })));
  },
);

Then(
  'the failover subscriber app delivers each of messages {int} to {int} of the fan-out publisher app a second time',
  async function (this: LabWorld, first: number, last: number) {
    const app = appOf(this, SUBSCRIBER);
    const ids = range(first, last).map((n) => messageId(PUBLISHER_ID, n));
    const timesDelivered = (id: string) => deliveries(app).filter((d) => d.id === id).length;
    await app.waitForLine(`that it delivered each of ${ids.join(', ')} twice`, () => ids.every((id) => timesDelivered(id) === 2), PROMPTLY_MS);
  },
);

// ---- the proof under faults ------------------------------------------------------------------

Then('every message the fan-out publisher app published was taken by at least one broker', function (this: LabWorld) {
  const app = appOf(this, PUBLISHER);
  const reports = publisherReports(app);
  expect(reports.map((r) => r.sequence), `the messages ${app.name} reported, one report each\n${app.describe()}`).to.deep.equal(range(1, reports.length));
  const untaken = reports.filter((r) => r.takenBy.length === 0);
  expect(untaken.map((r) => r.line), 'messages no broker took (both brokers were down at once?)').to.deep.equal([]);
  setStreamed(this, reports.length);
  this.log(`${app.name} published ${reports.length} messages; ${reports.filter((r) => r.missedBy.length > 0).length} of them missed by one broker`);
});

Then(
  "within {int} seconds the failover subscriber app delivers every one of them exactly once, in the publisher's order",
  async function (this: LabWorld, seconds: number) {
    const count = streamedCount(this);
    await waitForDeliveries(appOf(this, SUBSCRIBER), count, seconds * 1000).catch(() => undefined);
    expectDeliveredOnceInOrder(this, range(1, count).map((n) => ({ id: messageId(PUBLISHER_ID, n), payload: `reading ${n}` })));
  },
);

Then('the largest gap between two deliveries and the failover times are in the report', function (this: LabWorld) {
  const app = appOf(this, SUBSCRIBER);
  const moves = failovers(app);
  expect(moves.length, `failovers ${app.name} reported`).to.be.greaterThan(0);
  const { median, worst } = medianAndWorst(moves.map((f) => f.ms));
  const gap = largestGap(deliveries(app));
  const duplicates = droppedDuplicates(app).length;
  this.log(
    [
      `failover times (lost connection -> SUBACK on the next broker): ${moves.map((f) => `${f.from}->${f.to} ${f.ms} ms`).join(', ')}; median ${median} ms, worst ${worst} ms`,
      `largest gap between two deliveries: ${gap.ms} ms (between ${gap.after} and ${gap.before})`,
      `${deliveries(app).length} messages delivered, ${duplicates} duplicates dropped`,
    ].join('\n'),
  );
  // The evidence behind the figures: every line both apps printed, with its time.
  this.attach(`${appOf(this, PUBLISHER).describe()}\n\n${app.describe()}`, 'text/plain');
});

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}
