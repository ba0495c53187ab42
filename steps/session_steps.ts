/**
 * Steps about sessions: durable and clean sessions in MQTT 3.1.1 and 5, session expiry, what a
 * client id has to do with it, and the messages a broker queues for a client that is away.
 * Shared session steps ("has a durable session subscribed to ...", "reconnects to its durable
 * session", "the broker reports that it kept a session ...") live in connection_steps.ts and
 * subscription_steps.ts.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import { QoS } from '../support/clients/lab-client';
import {
  comeBackAfter,
  connectWithClientIdOf,
  reconnectWithCleanSession,
  startDurableSession,
} from '../support/mqtt/sessions';
import { expectExactlyInOrder } from '../support/sync/delivery';
import { PROMPTLY_MS } from '../support/sync/waiting';
import { LabWorld } from '../support/world/world';
import { expectCode } from '../support/mqtt/reason-code-checks';

// --- Asking for a session -------------------------------------------------------------------

Given(
  '{client} has an MQTT 5 session on {topic} with {qos} that expires {int} second(s) after a disconnect',
  async function (this: LabWorld, name: string, filter: string, qos: QoS, seconds: number) {
    await startDurableSession(this, name, { protocolVersion: 5, sessionExpirySeconds: seconds, filter, qos });
  },
);

Given(
  '{client} has an MQTT 5 session on {topic} with {qos} but no session expiry interval',
  async function (this: LabWorld, name: string, filter: string, qos: QoS) {
    await startDurableSession(this, name, { protocolVersion: 5, filter, qos });
  },
);

Given(
  '{client} is offline with a durable session subscribed to {topic} with {qos}',
  async function (this: LabWorld, name: string, filter: string, qos: QoS) {
    const client = await startDurableSession(this, name, { protocolVersion: 4, filter, qos });
    await client.disconnect();
  },
);

When('{client} reconnects with a clean session', async function (this: LabWorld, name: string) {
  await reconnectWithCleanSession(this, name);
});

// Time is the behaviour here: the step text says how long the client is away.
When(
  '{client} disconnects and comes back to its session {float} seconds later',
  async function (this: LabWorld, name: string, seconds: number) {
    await comeBackAfter(this, name, seconds);
  },
);

// --- One client id, one connection ----------------------------------------------------------

When("{client} connects with {client}'s client id", async function (this: LabWorld, name: string, originalName: string) {
  await connectWithClientIdOf(this, name, originalName);
});

Then("the broker closes {client}'s connection", async function (this: LabWorld, name: string) {
  const client = this.existingClient(name);
  await client.waitForClose(PROMPTLY_MS);
  // Losing the connection is the expected outcome here, not an error.
  client.observeErrors();
});

// Mosquitto before 2.0.15 ends a taken-over MQTT 5 connection so (lab 4's summary).
Then("the broker closes {client}'s connection without a DISCONNECT", async function (this: LabWorld, name: string) {
  const client = this.existingClient(name);
  await client.waitForClose(PROMPTLY_MS);
  client.observeErrors();
  const disconnects = client.trace.filter((t) => t.direction === 'received' && t.packet.cmd === 'disconnect');
  expect(disconnects.map((t) => `DISCONNECT ${(t.packet as { reasonCode?: number }).reasonCode ?? 0}`), `what the broker told the ${name} before it closed the connection`).to.deep.equal([]);
});

Then('the broker disconnects {client} with reason code {code}', async function (this: LabWorld, name: string, code: number) {
  const client = this.existingClient(name);
  const disconnect = await client.waitForPacket('a DISCONNECT from the broker', (t) => t.direction === 'received' && t.packet.cmd === 'disconnect');
  const to = `the connection of the ${name}`;
  expectCode({ to, packet: 'DISCONNECT', actual: (disconnect.packet as { reasonCode?: number }).reasonCode ?? 0, protocolVersion: client.protocolVersion }, code);
  await client.waitForClose(PROMPTLY_MS);
  client.observeErrors();
});

// --- Offline queueing -----------------------------------------------------------------------

Then(
  '{client} receives {numbered} on {topic}, in order, and nothing else',
  async function (this: LabWorld, name: string, payloads: string[], topic: string) {
    await expectExactlyInOrder(this, name, topic, payloads);
  },
);

Then('{client} receives only {string} on {topic}', async function (this: LabWorld, name: string, payload: string, topic: string) {
  await expectExactlyInOrder(this, name, topic, [payload]);
});

Then(
  '{client} receives {string} and then {string} on {topic}',
  async function (this: LabWorld, name: string, first: string, second: string, topic: string) {
    await expectExactlyInOrder(this, name, topic, [first, second]);
  },
);

// --- No client id ----------------------------------------------------------------------------

When(
  '{client} connects with MQTT 3.1.1 without a client id and with a clean session',
  async function (this: LabWorld, name: string) {
    // The client id is part of the client's identity here: '' for every connection it makes.
    const client = this.client(name, 4, { clientId: '' });
    await client.connect(this.broker().url(), { clean: true });
  },
);

Then('{client} and {client} are both still connected: the broker gave each an id of its own', async function (this: LabWorld, first: string, second: string) {
  // Two connections under one id cannot both stay: the broker closes the older one (lab 4's
  // client-ids.feature). After the barrier, a broker that handed out one id twice has done so.
  await this.settle();
  for (const name of [first, second]) {
    const client = this.existingClient(name);
    const closed = client.closedAt ? `: its connection closed at +${client.closedAt - client.createdAt} ms` : '';
    expect(client.isConnected, `${name} (CONNECT with client id "") is still connected${closed}`).to.equal(true);
  }
});
