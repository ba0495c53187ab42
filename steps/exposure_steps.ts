/**
 * Steps about who can reach a broker from where: the ports Docker publishes on this machine,
 * and the sockets this machine listens on for them (support/docker/loopback-only.ts).
 */
import { Then } from '@cucumber/cucumber';
import { expect } from 'chai';
import { beyondLoopback, describeBinding, isLoopback, listeningAddresses, portBindingsOf } from '../support/docker/loopback-only';
import { MQTT_PORT } from '../support/brokers/broker';
import { LabWorld } from '../support/world/world';

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

Then("this machine listens for the broker on its loopback address only", function (this: LabWorld) {
  const port = this.broker().getMappedPort(MQTT_PORT);
  const listening = listeningAddresses(port);
  expect(listening.length, `sockets listening on port ${port} (Docker's proxy for the broker)`).to.be.greaterThan(0);
  expect(listening.filter((a) => !isLoopback(a)), `addresses listening on port ${port} besides loopback (0.0.0.0 or :: is every interface)`).to.deep.equal([]);
});
