/**
 * Steps about brokers: starting one from a lab's configuration, restarting it, and checking
 * that it runs (or why it does not).
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import { BrokerStartError } from '../support/brokers/broker';
import { onPlainPath } from '../support/brokers/start-broker';
import { PROMPTLY_MS } from '../support/sync/waiting';
import { DEFAULT_BROKER, LabWorld } from '../support/world/world';

/** Where lab 1's persistence.conf keeps the database (persistence_location). */
const PERSISTENCE_DIR = '/mosquitto/data';
const PERSISTENCE_DB = `${PERSISTENCE_DIR}/mosquitto.db`;

Given('a broker running {string}', async function (this: LabWorld, configRef: string) {
  await this.startBroker(DEFAULT_BROKER, configRef);
});

/** A graceful restart; every client connected to the broker is cut off, as expected here. */
async function restartBroker(world: LabWorld): Promise<void> {
  const connected = [...world.clients.values()].filter((c) => c.isConnected);
  await world.broker().restart();
  for (const client of connected) {
    await client.waitForClose(PROMPTLY_MS);
    client.observeErrors();
  }
}

When('the broker restarts', async function (this: LabWorld) {
  await restartBroker(this);
});

Given('the broker has saved its database', async function (this: LabWorld) {
  // Mosquitto writes mosquitto.db when it shuts down (and every autosave_interval): a graceful
  // restart makes sure the file exists, so that its absence later means something.
  await restartBroker(this);
  const { exitCode } = await this.broker().exec(['test', '-s', PERSISTENCE_DB]);
  expect(exitCode, `${PERSISTENCE_DB} exists after a graceful restart`).to.equal(0);
});

When('the broker is replaced by a new one from the same files', async function (this: LabWorld) {
  this.clients.forEach((client) => client.close());
  const { old, replacement } = await this.replaceBroker();
  if (!onPlainPath()) {
    // The point of the scenario on the default path: the same container, reset, must be as new.
    expect(replacement.getId(), 'the container the new broker runs in (the reset one)').to.equal(old.getId());
  }
});

Then("the new broker's persistence directory is empty", async function (this: LabWorld) {
  const { output } = await this.broker().exec(['ls', '-A', PERSISTENCE_DIR]);
  expect(output.trim().split('\n').filter(Boolean), `files in ${PERSISTENCE_DIR}`).to.deep.equal([]);
});

When('a broker is started with {string}', async function (this: LabWorld, configRef: string) {
  const started = Date.now();
  try {
    await this.startBroker(DEFAULT_BROKER, configRef);
    this.outcomes.brokerStart = { seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    if (!(error instanceof BrokerStartError)) throw error;
    // From Mosquitto's launch where it is known (a pooled container was waiting already),
    // else from the start of the container.
    this.outcomes.brokerStart = { error, seconds: (error.msToExit ?? Date.now() - started) / 1000 };
  }
});

Then(
  'the broker refuses to start within {int} seconds, and its log says {string}',
  function (this: LabWorld, seconds: number, logText: string) {
    const attempt = this.outcomes.brokerStart;
    expect(attempt, 'no broker start was attempted').to.not.equal(undefined);
    expect(attempt!.error, 'the broker started although its configuration is broken').to.be.instanceOf(Error);
    expect(attempt!.error!.message).to.contain(logText);
    expect(attempt!.seconds, 'seconds until the broker gave up').to.be.lessThan(seconds);
  },
);

Then("the broker's log shows it listening on port {int}", function (this: LabWorld, port: number) {
  const listening = new RegExp(`Opening ipv[46] listen socket on port ${port}\\b`);
  expect(this.broker().logLines.some((line) => listening.test(line)), this.broker().logLines.join('\n')).to.equal(true);
});
