/**
 * Steps about who can reach a broker from where: the ports Docker publishes on this machine,
 * and a connection attempt through this machine's network addresses (support/loopback-only.ts).
 */
import { Then } from '@cucumber/cucumber';
import { expect } from 'chai';
import { beyondLoopback, canConnect, describeBinding, networkAddresses, portBindingsOf } from '../support/loopback-only';
import { MQTT_PORT } from '../support/brokers/broker';
import { LabWorld } from '../support/world';

/** A refused connection comes back at once; no answer at all (a firewall) is waited for this long. */
const CONNECT_ATTEMPT_MS = 1_000;

Then("the broker's ports are published on the loopback interface only", async function (this: LabWorld) {
  for (const [name, broker] of this.brokers) {
    const bindings = await portBindingsOf(broker.getId());
    expect(bindings.length, `port bindings of the broker "${name}"`).to.be.greaterThan(0);
    const exposed = beyondLoopback(bindings).map(describeBinding);
    expect(
      exposed,
      `the broker "${name}" must be published on 127.0.0.1 only, so that no other machine can connect; Docker publishes it on`,
    ).to.deep.equal([]);
  }
});

Then("a client connecting through this machine's network addresses does not get through", async function (this: LabWorld) {
  const port = this.broker().getMappedPort(MQTT_PORT);
  const addresses = networkAddresses();
  const reached: string[] = [];
  await Promise.all(
    addresses.map(async (address) => {
      if (await canConnect(address, port, CONNECT_ATTEMPT_MS)) reached.push(address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`);
    }),
  );
  expect(reached, `addresses of this machine (${addresses.join(', ') || 'none but loopback'}) through which the broker was reached`).to.deep.equal([]);
});
