/**
 * Steps about running a broker: its $SYS statistics, its log (on stderr and on the log
 * topic), and changing its password file and ACL while it runs (SIGHUP).
 */
import { DataTable, Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import { receivedOn } from '../support/sync/delivery';
import { addUser, brokerLogLine, deleteUser, installFile, listenersAddedBy, probeListener, reloadAndConfirm } from '../support/brokers/broker-admin';
import { usernameOf } from '../support/brokers/password-file';
import { latestValue, sysNumber, UPTIME_TOPIC, waitForLiveUpdate, waitForValue } from '../support/brokers/sys-tree';
import { PROMPTLY_MS } from '../support/sync/waiting';
import { LabWorld } from '../support/world/world';
import { connackAnswer, expectCode } from '../support/mqtt/reason-code-checks';
import { expectNothingReceived } from '../support/sync/delivery-checks';

// ---- $SYS ---------------------------------------------------------------------------------

/** With sys_interval 1, Mosquitto 2.0 updates $SYS every 2 s; this bound leaves headroom. */
const ONE_UPDATE_MS = 4_000;

Given('{client} watches {topic}', async function (this: LabWorld, name: string, filter: string) {
  const client = this.existingClient(name);
  await client.subscribe([filter, UPTIME_TOPIC], { qos: 0 });
  await waitForLiveUpdate(client, ONE_UPDATE_MS);
  // Where the watcher's baseline ends in its inbox: values before it are "before".
  this.outcomes.sysBaselines.set(name, client.inbox.length);
});

Then('within {int} seconds {client} sees these $SYS counters rise:', async function (this: LabWorld, seconds: number, name: string, table: DataTable) {
  const client = this.existingClient(name);
  const end = this.outcomes.sysBaselines.get(name);
  if (end === undefined) throw new Error(`${name} is not watching $SYS yet`);
  const deadline = Date.now() + seconds * 1000;
  for (const [topic, by] of table.rows()) {
    const before = client.inbox.slice(0, end).filter(receivedOn(topic)).at(-1);
    if (!before) throw new Error(`${name} had no value of ${topic} when it started watching`);
    await waitForValue(client, topic, sysNumber(before) + Number(by), Math.max(deadline - Date.now(), 1));
  }
});

Then('{client} sees {topic} count up within {int} seconds', async function (this: LabWorld, name: string, topic: string, seconds: number) {
  const client = this.existingClient(name);
  const first = await client.waitForMessage(`a value of ${topic}`, receivedOn(topic));
  const start = sysNumber(first);
  await client.waitForMessage(`${topic} above ${start}`, (m) => m.topic === topic && sysNumber(m) > start, seconds * 1000);
  expect(latestValue(client, topic)).to.be.greaterThan(start);
});

// ---- the broker's log ---------------------------------------------------------------------

Then('{client} receives a broker log line on {topic} saying {string}', async function (this: LabWorld, name: string, topic: string, text: string) {
  const wanted = text.toLowerCase();
  await this.existingClient(name).waitForMessage(`a log line on ${topic} saying "${text}"`, (m) => m.topic === topic && m.text.toLowerCase().includes(wanted));
});

Then("the broker's own log shows {string} for {topic}", async function (this: LabWorld, text: string, topic: string) {
  // Mosquitto writes e.g. "Denied PUBLISH from <client id> (d0, q1, r0, m1, 'home/x', ... (2 bytes))".
  const pattern = new RegExp(`${escape(text)}.*'${escape(topic)}'`, 'i');
  await brokerLogLine(this.broker(), pattern, PROMPTLY_MS, `a "${text}" line for ${topic}`);
});

Then('{client} receives no broker log line about {topic}', async function (this: LabWorld, name: string, topic: string) {
  await this.settle(name);
  const client = this.existingClient(name);
  expectNothingReceived(client, client.inbox.filter((m) => m.topic.startsWith('$SYS/broker/log/') && m.text.includes(topic)));
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// ---- changing a running broker ------------------------------------------------------------

When('the operator adds {client} with password {string} using mosquitto_passwd -b', async function (this: LabWorld, name: string, password: string) {
  await addUser(this.broker(), usernameOf(name), password);
  this.demoUsers.add(usernameOf(name), password);
});

When('the operator deletes {client} using mosquitto_passwd -D', async function (this: LabWorld, name: string) {
  await deleteUser(this.broker(), usernameOf(name));
});

When('the operator copies {string} over {string}', async function (this: LabWorld, source: string, target: string) {
  await installFile(this.broker(), source, target);
});

When('the operator sends SIGHUP to the broker', async function (this: LabWorld) {
  await reloadAndConfirm(this.broker(), PROMPTLY_MS);
});

/** Logs in once more (a new connection) and returns the CONNACK code. */
async function loginCode(world: LabWorld, name: string): Promise<number | undefined> {
  await world.tryToConnect(name, { clientOptions: world.demoUsers.credentialsOf(name) });
  return world.existingClient(name).lastConnackCode;
}

Then('{client} can log in with its password', async function (this: LabWorld, name: string) {
  await loginCode(this, name);
  expectCode(connackAnswer(this.existingClient(name)), 0);
});

Then("{client}'s next login is refused with CONNACK code {code}", async function (this: LabWorld, name: string, code: number) {
  await loginCode(this, name);
  expectCode(connackAnswer(this.existingClient(name)), code);
});

Then('the listener that {string} adds is not open', async function (this: LabWorld, file: string) {
  const ports = listenersAddedBy(this.broker(), file);
  expect(ports, `listeners that ${file} adds`).to.not.be.empty;
  for (const port of ports) {
    const answer = await probeListener(this.broker(), port);
    // An open listener would answer the probe's anonymous CONNECT with "not authorised".
    expect(answer, `a connection to port ${port} inside the container`).to.match(/Error: Connection refused/);
    expect(answer, `a connection to port ${port} inside the container`).to.not.match(/authori[sz]ed/i);
  }
});
