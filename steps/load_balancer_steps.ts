/**
 * Steps about a TCP load balancer (HAProxy, NGINX) in front of independent brokers (lab 15):
 * where each client lands (read from the brokers' own logs), stickiness, health checks seen
 * from both sides, idle timeouts against keepalive, and what a balancer does not do.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import { killBroker } from '../support/brokers/faults';
import { startNamedBroker } from '../support/brokers/topology';
import { QoS } from '../support/clients/lab-client';
import { expectGranted } from '../support/mqtt/reason-code-checks';
import { expectOnlyAnsweredPings } from '../support/mqtt/keepalive';
import {
  balancerOf,
  connectFromMachine,
  connectThroughBalancer,
  describeLandings,
  landedOn,
  landingOf,
  landingsOf,
  lastLandingOf,
  startDeviceMachine,
  startLoadBalancer,
} from '../support/mqtt/load-balancing';
import { publishOrFail } from '../support/mqtt/publishing';
import { expectServerStatus, haproxyNoticed, waitForFullHealth } from '../support/mqtt/balancer-health';
import { ServiceStartError } from '../support/services/service-kind';
import { connectionClosedAt, expectConnectedUntil } from '../support/sync/protocol-clock';
import { PROMPTLY_MS } from '../support/sync/waiting';
import { LabWorld } from '../support/world/world';

/** "the meter, the gauge and the pump" -> meter, gauge, pump. */
function names(list: string): string[] {
  return list.split(/, | and /).map((item) => item.replace(/^the /, '').trim());
}

Given('the brokers {word}, {word} and {word} run {string}', async function (this: LabWorld, a: string, b: string, c: string, configRef: string) {
  // The first start makes the scenario network; the other two join it side by side.
  await startNamedBroker(this, a, configRef);
  await Promise.all([b, c].map((broker) => startNamedBroker(this, broker, configRef)));
});

Given('a load balancer in front of them runs {string}', async function (this: LabWorld, configRef: string) {
  await startLoadBalancer(this, configRef);
});

When('a load balancer in front of them is started with {string}', async function (this: LabWorld, configRef: string) {
  const started = Date.now();
  try {
    await startLoadBalancer(this, configRef);
    this.outcomes.brokerStart = { seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    if (!(error instanceof ServiceStartError)) throw error;
    this.outcomes.brokerStart = { error, seconds: (error.msToExit ?? Date.now() - started) / 1000 };
  }
});

Then('the load balancer refuses to start within {int} seconds, and its log says {string}', function (this: LabWorld, seconds: number, logText: string) {
  const attempt = this.outcomes.brokerStart;
  expect(attempt, 'no load balancer start was attempted').to.not.equal(undefined);
  expect(attempt!.error, 'the load balancer started although its configuration is broken').to.be.instanceOf(Error);
  expect(attempt!.error!.message, 'what the load balancer said as it refused to start').to.contain(logText);
  expect(attempt!.seconds, 'seconds until the load balancer gave up').to.be.lessThan(seconds);
});

// --- Where clients land ---

When('{client} connects through the load balancer', async function (this: LabWorld, name: string) {
  await connectThroughBalancer(this, name);
});

Given('{client} is connected through the load balancer', async function (this: LabWorld, name: string) {
  await connectThroughBalancer(this, name);
});

When(/^(the .+?) connect through the load balancer, one after the other$/, async function (this: LabWorld, list: string) {
  for (const name of names(list)) await connectThroughBalancer(this, name);
});

When(/^(the .+?) each connect through the load balancer and leave again, one after the other$/, async function (this: LabWorld, list: string) {
  for (const name of names(list)) {
    await connectThroughBalancer(this, name);
    const client = this.existingClient(name);
    // The broker has seen the DISCONNECT: the connection is over on its side too, so the
    // balancer no longer counts it when the next client comes.
    const broker = this.broker(lastLandingOf(this, name));
    const gone = broker.waitForLogLine(new RegExp(`Client ${client.clientId} disconnected`), PROMPTLY_MS, `the broker sees ${name} leave`);
    await client.disconnect();
    await gone;
  }
});

Then(/^(the .+?) each landed on a different broker$/, function (this: LabWorld, list: string) {
  const brokers = new Set(names(list).map((name) => lastLandingOf(this, name)));
  expect(brokers.size, `brokers the clients landed on: ${describeLandings(this, names(list))}`).to.equal(names(list).length);
});

Then(/^(the .+?) all landed on the same broker$/, function (this: LabWorld, list: string) {
  const brokers = new Set(names(list).map((name) => lastLandingOf(this, name)));
  expect(brokers.size, `brokers the clients landed on: ${describeLandings(this, names(list))}`).to.equal(1);
});

Then(/^none of (the .+?) landed on (the [a-z-]+)'s broker$/, function (this: LabWorld, list: string, owner: string) {
  const busy = lastLandingOf(this, names(owner)[0]);
  expect(landedOn(this, names(list), busy), `clients that landed on ${busy}, where ${names(owner)[0]} is connected: ${describeLandings(this, names(list))}`).to.deep.equal([]);
});

Then(/^at least one of (the .+?) landed on (the [a-z-]+)'s broker$/, function (this: LabWorld, list: string, owner: string) {
  const busy = lastLandingOf(this, names(owner)[0]);
  expect(landedOn(this, names(list), busy), `clients that landed on ${busy}, where ${names(owner)[0]} is connected: ${describeLandings(this, names(list))}`).to.not.be.empty;
});

Then(/^none of (the .+?) landed on the ([a-z-]+) broker$/, function (this: LabWorld, list: string, broker: string) {
  expect(landedOn(this, names(list), broker), `clients that landed on ${broker}: ${describeLandings(this, names(list))}`).to.deep.equal([]);
});

Then('{client} and {client} landed on different brokers', function (this: LabWorld, first: string, second: string) {
  expect(lastLandingOf(this, first), `the broker ${first} landed on, which must not be ${second}'s: ${describeLandings(this, [first, second])}`).to.not.equal(lastLandingOf(this, second));
});

Then('{client} landed on the same broker as before', function (this: LabWorld, name: string) {
  const [before, now] = landingsOf(this, name).slice(-2);
  expect(now, `the broker ${name}'s new connection landed on (its previous one landed on ${before})`).to.equal(before);
});

Then('{client} landed on another broker than before', function (this: LabWorld, name: string) {
  const [before, now] = landingsOf(this, name).slice(-2);
  expect(now, `the broker ${name}'s new connection landed on (its previous one landed on ${before})`).to.not.equal(before);
});

// --- Sessions through the balancer ---

Given('{client} has a durable session through the load balancer, subscribed to {topic} with {qos}', async function (this: LabWorld, name: string, filter: string, qos: QoS) {
  await connectThroughBalancer(this, name, { clean: false });
  const client = this.existingClient(name);
  const granted = await client.subscribe(filter, { qos });
  expectGranted(client, filter, granted[0]?.qos);
  await client.disconnect();
});

When('{client} reconnects through the load balancer, asking to resume its durable session', async function (this: LabWorld, name: string) {
  await connectThroughBalancer(this, name, { clean: false });
});

When('{client} subscribes to {topic} with {qos} through the load balancer', async function (this: LabWorld, name: string, filter: string, qos: QoS) {
  await connectThroughBalancer(this, name);
  const client = this.existingClient(name);
  const granted = await client.subscribe(filter, { qos });
  expectGranted(client, filter, granted[0]?.qos);
});

When('{client} publishes {string} to {topic} with {qos} through the load balancer', async function (this: LabWorld, name: string, payload: string, topic: string, qos: QoS) {
  await connectThroughBalancer(this, name);
  await publishOrFail(this.existingClient(name), topic, payload, { qos });
});

When("{client} publishes {string} to {topic} with {qos} directly on {client}'s broker", async function (this: LabWorld, name: string, payload: string, topic: string, qos: QoS, owner: string) {
  const broker = this.broker(lastLandingOf(this, owner));
  const client = this.client(name);
  await landingOf(this, name, client.clientId, () => client.connect(broker.url()));
  await publishOrFail(client, topic, payload, { qos });
});

// --- Devices on machines of their own: different source addresses ---

Given(/^(the .+?) run on machines of their own on the network$/, async function (this: LabWorld, list: string) {
  await Promise.all(names(list).map((device) => startDeviceMachine(this, device)));
});

When(/^(the .+?) each connect through the load balancer twice from their machines$/, async function (this: LabWorld, list: string) {
  for (const device of names(list)) await connectFromMachine(this, device);
  for (const device of names(list)) await connectFromMachine(this, device);
});

// --- Health checks: HAProxy's view beside the brokers' ---

Given("the load balancer's health checks have passed on every broker, more than once", async function (this: LabWorld) {
  await waitForFullHealth(this, 3_000);
});

Then('the load balancer takes {broker} out of its pool within {float} seconds, as its statistics show', async function (this: LabWorld, broker: string, seconds: number) {
  await haproxyNoticed(this, broker, 'DOWN', seconds);
  await expectServerStatus(this, broker, 'DOWN');
});

Then('the load balancer puts {broker} back in its pool within {float} seconds, as its statistics show', async function (this: LabWorld, broker: string, seconds: number) {
  await haproxyNoticed(this, broker, 'UP', seconds);
  await expectServerStatus(this, broker, 'UP');
});

Given('{broker} was killed and the load balancer took it out of its pool', async function (this: LabWorld, broker: string) {
  await killBroker(this, broker);
  await haproxyNoticed(this, broker, 'DOWN', 2);
});

Then("the load balancer's log says it stopped sending clients to {broker}", async function (this: LabWorld, broker: string) {
  // NGINX's passive check, in its own words: "upstream server temporarily disabled while
  // connecting to upstream" (after max_fails=1 failed connect; for fail_timeout=10s).
  const nginxLog = balancerOf(this);
  const disabled = /upstream server temporarily disabled/;
  const line = nginxLog.logLines.find((l) => disabled.test(l)) ?? (await nginxLog.waitForLogLine(disabled, PROMPTLY_MS).catch(() => undefined));
  expect(line, `NGINX's log line that it disabled the ${broker} broker after a failed connect (max_fails in brokers/${nginxLog.description})`).to.be.a('string');
});

When(/^(the .+?) try to connect through the load balancer, one after the other, each giving up after ([\d.]+) seconds$/, async function (this: LabWorld, list: string, seconds: string) {
  const url = balancerOf(this).url();
  for (const name of names(list)) {
    const client = this.client(name);
    try {
      await client.connect(url, { connectTimeout: Number(seconds) * 1000 });
    } catch {
      client.observeErrors(); // the step expects some to fail: the Then step judges
    }
  }
});

Then(/^exactly one of (the .+?) got no CONNACK$/, function (this: LabWorld, list: string) {
  const unanswered = names(list).filter((name) => this.existingClient(name).lastConnack === undefined);
  expect(unanswered, 'the clients whose CONNECT went unanswered (sent to a broker that accepts TCP but answers nothing)').to.have.length(1);
});

// --- Idle timeouts against keepalive ---

When('{client} connects through the load balancer with a keepalive of {int} seconds and stays quiet', async function (this: LabWorld, name: string, keepalive: number) {
  const client = this.client(name, undefined, { keepalive });
  await connectThroughBalancer(this, name);
  this.silences.set(name, { since: Date.now(), traceMarks: new Map([[client, client.trace.length]]) });
});

Then('the load balancer cuts {client} off within {float} seconds, before its first PINGREQ', async function (this: LabWorld, name: string, seconds: number) {
  const client = this.existingClient(name);
  const since = this.silences.get(name)!.since;
  await client.waitForClose(Math.max(0, since + seconds * 1000 - Date.now())).catch(() => {
    throw new Error(`${name}'s connection through the load balancer was still open ${seconds} s after it went quiet: the balancer's idle timeout is longer than that`);
  });
  client.observeErrors();
  const afterMs = connectionClosedAt(client) - since;
  const pings = client.trace.filter((t) => t.direction === 'sent' && t.packet.cmd === 'pingreq').length;
  this.log(`the load balancer closed ${name}'s connection ${afterMs} ms after its CONNACK; PINGREQs sent: ${pings}`);
  expect(pings, `PINGREQs ${name} sent before the balancer cut it off`).to.equal(0);
});

Then('{client} is still connected {float} seconds later, having sent nothing but PINGREQs and got a PINGRESP for each', async function (this: LabWorld, name: string, seconds: number) {
  const client = this.existingClient(name);
  const silence = this.silences.get(name)!;
  await expectConnectedUntil(client, silence.since + seconds * 1000, silence.since);
  await expectOnlyAnsweredPings(silence, client, 2);
});

