/**
 * Steps about brokers: starting one from a lab's configuration, restarting it, and checking
 * that it runs (or why it does not).
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import { BrokerStartError } from '../support/brokers/broker';
import { PROMPTLY_MS } from '../support/waiting';
import { DEFAULT_BROKER, LabWorld } from '../support/world';

Given('a broker running {string}', async function (this: LabWorld, configRef: string) {
  await this.startBroker(DEFAULT_BROKER, configRef);
});

When('the broker restarts', async function (this: LabWorld) {
  const connected = [...this.clients.values()].filter((c) => c.isConnected);
  await this.broker().restart();
  // Every client was cut off by the restart; losing the connection is expected here.
  for (const client of connected) {
    await client.waitForClose(PROMPTLY_MS);
    client.observeErrors();
  }
});

interface StartAttempt {
  error?: Error;
  seconds: number;
}
const startAttempts = new WeakMap<LabWorld, StartAttempt>();

When('a broker is started with {string}', async function (this: LabWorld, configRef: string) {
  const started = Date.now();
  try {
    await this.startBroker(DEFAULT_BROKER, configRef);
    startAttempts.set(this, { seconds: (Date.now() - started) / 1000 });
  } catch (error) {
    if (!(error instanceof BrokerStartError)) throw error;
    startAttempts.set(this, { error, seconds: (Date.now() - started) / 1000 });
  }
});

Then(
  'the broker refuses to start within {int} seconds, and its log says {string}',
  function (this: LabWorld, seconds: number, logText: string) {
    const attempt = startAttempts.get(this);
    expect(attempt, 'no broker start was attempted').to.not.equal(undefined);
    expect(attempt!.error, 'the broker started although its configuration is broken').to.be.instanceOf(Error);
    expect(attempt!.error!.message).to.contain(logText);
    expect(attempt!.seconds).to.be.lessThan(seconds);
  },
);

Then("the broker's log shows it listening on port {int}", function (this: LabWorld, port: number) {
  const listening = new RegExp(`Opening ipv[46] listen socket on port ${port}\\b`);
  expect(this.broker().logLines.some((line) => listening.test(line)), this.broker().logLines.join('\n')).to.equal(true);
});
