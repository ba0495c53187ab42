/**
 * Steps about keepalive: a client that stops sending is cut off after 1.5 x keepalive (whole
 * seconds, rounded down), its will goes out, and a quiet client that keeps pinging stays connected.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { expectCutOffBetween, expectOnlyAnsweredPings, fallSilent, keepaliveSentBy, silenceOf } from '../support/mqtt/keepalive';
import { expectConnectedUntil, waitForMessageBetween } from '../support/sync/protocol-clock';
import { connectWithWill, isWillOf } from '../support/mqtt/wills';
import { LabWorld } from '../support/world/world';

Given(
  '{client} is connected with a keepalive of {int} second(s) and subscribed to {topic}',
  async function (this: LabWorld, name: string, keepalive: number, filter: string) {
    await this.connect(name, { clientOptions: { keepalive } });
    // QoS 0: the watcher acknowledges nothing, so PINGREQs are all it sends.
    await this.existingClient(name).subscribe(filter, { qos: 0 });
  },
);

Given(
  '{client} is connected with a keepalive of {int} second(s) and the will {string} on {topic}',
  async function (this: LabWorld, name: string, keepalive: number, payload: string, topic: string) {
    await connectWithWill(this, name, { topic, payload, qos: 1 }, { keepaliveSeconds: keepalive });
  },
);

When('{client} falls silent', async function (this: LabWorld, name: string) {
  await fallSilent(this, name);
});

// Time is the behaviour: the bounds are in the step text.
Then(
  'the broker cuts {client} off between {float} and {float} seconds after it fell silent, and {client} receives its will',
  async function (this: LabWorld, name: string, earliest: number, latest: number, watcherName: string) {
    await expectCutOffBetween(this, name, earliest * 1000, latest * 1000);
    // The broker publishes the will as it closes the connection: within the same bounds.
    const { since } = silenceOf(this, name);
    const will = isWillOf(this, name);
    await waitForMessageBetween(this.existingClient(watcherName), `${name}'s will`, will, since, earliest * 1000, latest * 1000);
  },
);

Then(
  '{client}, which sent nothing but PINGREQs and got a PINGRESP for each, is still connected {float} seconds after {client} fell silent',
  async function (this: LabWorld, name: string, seconds: number, silentName: string) {
    const silence = silenceOf(this, silentName);
    const client = this.existingClient(name);
    await expectConnectedUntil(client, silence.since + seconds * 1000, silence.since);
    // MQTT.js pings once per keepalive when it has nothing else to send (its timer may run late).
    const keepalive = keepaliveSentBy(client);
    await expectOnlyAnsweredPings(silence, client, Math.max(1, Math.floor(seconds / keepalive) - 1));
  },
);
