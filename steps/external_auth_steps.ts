/**
 * Steps of lab 18: a broker that asks an external HTTP service (labs/lab18/auth-service.ts)
 * through its plugin (brokers/image/plugins/http-auth/) who may log in, publish and subscribe,
 * and what happens when that service is down, failing or slow.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import { authServiceOf, lastLoginMs, literally, loggedLine, medianAndWorst, startAuthService, timedLogin } from '../support/apps/auth-service';
import { readDemoUsers } from '../support/brokers/password-file';
import type { ProtocolVersion, QoS } from '../support/clients/lab-client';
import { publishAndRecord } from '../support/mqtt/publishing';
import { connackAnswer, expectCode } from '../support/mqtt/reason-code-checks';
import { DEFAULT_BROKER, LabWorld } from '../support/world/world';

/** How long a line may take to reach us from a container's log. */
const LOG_LINE_MS = 2_000;

Given('the auth service running {string} for the demo users of {string}', async function (this: LabWorld, envRef: string, usersRef: string) {
  this.demoUsers.remember(readDemoUsers(usersRef));
  await startAuthService(this, envRef);
});

Given('a broker running {string} that asks the auth service', async function (this: LabWorld, configRef: string) {
  // On the scenario network, where the plugin finds the service by its name "auth".
  await this.startBroker(DEFAULT_BROKER, configRef, { networked: true });
});

When('{client} tries to log in with its password', async function (this: LabWorld, name: string) {
  await timedLogin(this, name, this.demoUsers.credentialsOf(name), 5);
});

When('{client} tries to log in with its password using {protocol}', async function (this: LabWorld, name: string, protocolVersion: ProtocolVersion) {
  await timedLogin(this, name, this.demoUsers.credentialsOf(name), protocolVersion);
});

When('{client} tries to log in as {string} with the password of {string}', async function (this: LabWorld, name: string, username: string, owner: string) {
  // MQTT.js sends the username as UTF-8 in the CONNECT; the plugin puts it into JSON with cJSON.
  const password = this.demoUsers.passwordOf(owner);
  await timedLogin(this, name, { username, password }, 5);
});

Then('the broker refuses {client} with CONNACK code {code} within {int} ms', function (this: LabWorld, name: string, code: number, boundMs: number) {
  expectCode(connackAnswer(this.existingClient(name)), code);
  const ms = lastLoginMs(this, name);
  this.log(`the ${name}'s CONNECT was answered in ${ms.toFixed(0)} ms`);
  expect(ms, `ms from the ${name}'s CONNECT to the broker's CONNACK (the plugin's plugin_opt_timeout_ms bounds it)`).to.be.at.most(boundMs);
});

Then('the broker accepts {client} within {int} ms', function (this: LabWorld, name: string, boundMs: number) {
  expectCode(connackAnswer(this.existingClient(name)), 0);
  const ms = lastLoginMs(this, name);
  this.log(`the ${name}'s CONNECT was answered in ${ms.toFixed(0)} ms`);
  expect(ms, `ms from the ${name}'s CONNECT to the broker's CONNACK`).to.be.at.most(boundMs);
});

Then('the auth service logged the user {string} as {word}', async function (this: LabWorld, username: string, decision: string) {
  // JSON.stringify: the service quotes names the way JSON does, so quotes and accents show as sent.
  const pattern = new RegExp(`^user ${literally(JSON.stringify(username))} \\(client .*\\): ${literally(decision)}`);
  await loggedLine(authServiceOf(this), pattern, LOG_LINE_MS, `the auth service's line for user ${JSON.stringify(username)}: ${decision}`);
});

Then('the broker logged that the auth service gave no answer', async function (this: LabWorld) {
  await loggedLine(this.broker(), /http-auth: .*: no answer from .*: denied/, LOG_LINE_MS, "the plugin's line that the service gave no answer");
});

When(
  '{client} tries to publish {string} to {topic} with {qos}, answered within {int} ms',
  async function (this: LabWorld, name: string, payload: string, topic: string, qos: QoS, boundMs: number) {
    // The broker asks the service before it answers: the plugin's timeout bounds the wait.
    await publishAndRecord(this, name, topic, payload, { qos }, boundMs);
  },
);

When('the auth service stops', async function (this: LabWorld) {
  await authServiceOf(this).stop();
});

When('the auth service is started again', async function (this: LabWorld) {
  await authServiceOf(this).startAgain();
});

When('the auth service freezes', async function (this: LabWorld) {
  // docker pause: its TCP connections stay open and new ones are accepted by the kernel, but
  // nothing answers: what an overloaded or hung service looks like from the broker.
  await authServiceOf(this).pause();
});

When('{int} clients log in one after another with the password of {string}', async function (this: LabWorld, count: number, owner: string) {
  const durations: number[] = [];
  for (let i = 1; i <= count; i++) {
    const name = `login probe ${i}`;
    durations.push(await timedLogin(this, name, this.demoUsers.credentialsOf(owner), 5));
    expectCode(connackAnswer(this.existingClient(name)), 0);
    await this.existingClient(name).disconnect();
  }
  this.outcomes.loginRun = durations;
});

Then('each of those logins was answered within {int} ms', function (this: LabWorld, boundMs: number) {
  const durations = this.outcomes.loginRun;
  if (!durations) throw new Error('No step logged clients in one after another in this scenario');
  const { median, worst } = medianAndWorst(durations);
  this.log(`${durations.length} logins, CONNECT to CONNACK through the auth service: median ${median.toFixed(1)} ms, worst ${worst.toFixed(1)} ms`);
  expect(worst, `the slowest of ${durations.length} logins, in ms (median ${median.toFixed(1)} ms)`).to.be.at.most(boundMs);
});

