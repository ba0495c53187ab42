/**
 * Steps about MQTT 5 features: shared subscriptions, user properties and other message
 * properties, message expiry, topic aliases. Session steps ("has an MQTT 5 session ... that
 * expires ...", "reconnects to its durable session", "the broker disconnects ... with reason
 * code ...") live in session_steps.ts and connection_steps.ts.
 */
import { DataTable, Given, Then, When } from '@cucumber/cucumber';
import type { IPublishPacket } from 'mqtt';
import { expect } from 'chai';
import { ProtocolVersion, QoS } from '../support/clients/lab-client';
import { comeBackUnderAssignedIdentifier, connectWithoutIdKeepingSession, expectAssignedIdentifier } from '../support/mqtt/assigned-identifiers';
import { expectTaggedOnce } from '../support/mqtt/subscription-options';
import {
  announcedTopicAliasMaximum,
  expectCountedDownExpiry,
  expectNoAliasesReceived,
  expectNoPropertiesOnTheWire,
  expectSplitBetween,
  joinShareGroup,
  mqttJsRefusalOfAlias,
  publishThroughAlias,
  publishWithProperties,
  publishWithUserProperties,
  receivedUserProperties,
  userPropertyPairs,
  waitForMessage,
  writePublishPastMqttJs,
} from '../support/mqtt/mqtt5';
import { expectExactlyInOrder, numbered } from '../support/sync/delivery';
import { letTimePass } from '../support/sync/protocol-clock';
import { LabWorld } from '../support/world/world';
import { expectGranted } from '../support/mqtt/reason-code-checks';

// --- Shared subscriptions ----------------------------------------------------------------------

Given('{client} shares {topic} in the group {string}', async function (this: LabWorld, name: string, filter: string, group: string) {
  await joinShareGroup(this, name, group, filter);
});

Given(
  '{client} and {client} share {topic} in the group {string}',
  async function (this: LabWorld, first: string, second: string, filter: string, group: string) {
    await joinShareGroup(this, first, group, filter);
    await joinShareGroup(this, second, group, filter);
  },
);

Then(
  '{numbered} on {topic} were dealt to {client} and {client} in turn, each order going to one of them',
  async function (this: LabWorld, payloads: string[], topic: string, first: string, second: string) {
    await expectSplitBetween(this, [first, second], topic, payloads);
  },
);

Then(
  '{client} receives {numbered} on {topic}, each exactly once',
  async function (this: LabWorld, name: string, payloads: string[], topic: string) {
    await expectExactlyInOrder(this, name, topic, payloads);
  },
);

// --- User properties, content type, payload format -------------------------------------------------

When(
  '{client} publishes {string} to {topic} with these user properties:',
  async function (this: LabWorld, name: string, payload: string, topic: string, table: DataTable) {
    await publishWithUserProperties(this, name, topic, payload, userPropertyPairs(table.raw()));
  },
);

Then(
  '{client} receives {string} on {topic} with these user properties, in this order:',
  async function (this: LabWorld, name: string, payload: string, topic: string, table: DataTable) {
    const message = await waitForMessage(this, name, payload, topic);
    expect(receivedUserProperties(message), 'user properties as name/value pairs').to.deep.equal(userPropertyPairs(table.raw()));
  },
);

When(
  '{client} publishes {string} to {topic} as UTF-8 text of content type {string}',
  async function (this: LabWorld, name: string, payload: string, topic: string, contentType: string) {
    // Payload Format Indicator 1 = "the payload is UTF-8 text" (MQTT.js: true); 0/absent = bytes.
    await publishWithProperties(this, name, topic, payload, { contentType, payloadFormatIndicator: true });
  },
);

Then(
  '{client} receives {string} on {topic} as UTF-8 text of content type {string}',
  async function (this: LabWorld, name: string, payload: string, topic: string, contentType: string) {
    const message = await waitForMessage(this, name, payload, topic);
    expect(message.properties?.contentType, 'Content Type').to.equal(contentType);
    expect(message.properties?.payloadFormatIndicator, 'Payload Format Indicator').to.equal(true);
  },
);

Then('{client} receives {string} on {topic} without any properties', async function (this: LabWorld, name: string, payload: string, topic: string) {
  await waitForMessage(this, name, payload, topic);
  expectNoPropertiesOnTheWire(this.existingClient(name), topic, payload);
});

// --- Message expiry ----------------------------------------------------------------------------

When(
  '{client} publishes {string} to {topic} with {qos} and a message expiry of {int} second(s)',
  async function (this: LabWorld, name: string, payload: string, topic: string, qos: QoS, seconds: number) {
    await publishWithProperties(this, name, topic, payload, { messageExpiryInterval: seconds }, { qos });
  },
);

Given(
  '{client} has published the retained value {string} to {topic} with a message expiry of {int} second(s)',
  async function (this: LabWorld, name: string, payload: string, topic: string, seconds: number) {
    await publishWithProperties(this, name, topic, payload, { messageExpiryInterval: seconds }, { retain: true });
  },
);

// Time is the behaviour here: the step text says how long the client stays away.
When('{client} reconnects to its durable session {float} seconds later', async function (this: LabWorld, name: string, seconds: number) {
  const client = this.existingClient(name);
  await letTimePass(seconds);
  await client.connect(this.broker().url(), { clean: false });
});

// Time is the behaviour here: the step text says how long after the publish.
When('{client} subscribes to {topic} {float} seconds later', async function (this: LabWorld, name: string, filter: string, seconds: number) {
  await letTimePass(seconds);
  const client = await this.connectedClient(name);
  const [grant] = await client.subscribe(filter, { qos: 1 });
  expectGranted(client, filter, grant?.qos);
});

Then(
  '{client} receives {string} on {topic} with its message expiry counted down by the whole seconds it was queued',
  async function (this: LabWorld, name: string, payload: string, topic: string) {
    await expectCountedDownExpiry(this, name, payload, topic);
  },
);

// --- Topic aliases -----------------------------------------------------------------------------

Then("the broker's CONNACK allows {client} {int} topic aliases", function (this: LabWorld, name: string, maximum: number) {
  expect(announcedTopicAliasMaximum(this.existingClient(name)), 'CONNACK Topic Alias Maximum').to.equal(maximum);
});

When(
  '{client} publishes {int} readings to {topic} through topic alias {int}',
  async function (this: LabWorld, name: string, count: number, topic: string, alias: number) {
    this.outcomes.aliasPublishes = await publishThroughAlias(this, name, topic, alias, numbered('reading', 1, count));
  },
);

// Both checks read the PUBLISH packets re-parsed from the bytes the socket wrote (support/clients/wire-tap.ts, the client's `wire`).
Then(
  'only the first of those PUBLISH packets carried the topic, the others an empty topic and alias {int}',
  function (this: LabWorld, alias: number) {
    const [first, ...later] = (this.outcomes.aliasPublishes ?? []).map((w) => w.packet as IPublishPacket);
    expect(first?.topic, 'topic of the first PUBLISH on the wire').to.not.equal('');
    expect(first?.properties?.topicAlias, 'alias registered by the first PUBLISH on the wire').to.equal(alias);
    expect(later, 'later PUBLISH packets on the wire').to.not.be.empty;
    for (const packet of later) {
      expect([packet.topic, packet.properties?.topicAlias], 'topic and alias of a later PUBLISH on the wire').to.deep.equal(['', alias]);
    }
  },
);

Then('each later PUBLISH was smaller than the first by the length of the topic', function (this: LabWorld) {
  const [first, ...later] = this.outcomes.aliasPublishes ?? [];
  const topicBytes = Buffer.byteLength((first.packet as IPublishPacket).topic);
  for (const wire of later) {
    const packet = wire.packet as IPublishPacket;
    expect(first.bytes - wire.bytes, `bytes on the wire saved on "${packet.payload}" (topic: ${topicBytes} bytes)`).to.equal(topicBytes);
  }
});

Given('MQTT.js will not send topic alias {int} for {client}', async function (this: LabWorld, alias: number, name: string) {
  const client = await this.connectedClient(name, 5);
  const refusal = await mqttJsRefusalOfAlias(client, 'factory/line-1/oven/temperature', alias);
  expect(refusal?.message, "MQTT.js's answer").to.equal('Sending Topic Alias out of range');
});

When(
  '{client} writes a QoS 1 PUBLISH with topic alias {int} straight to its connection',
  function (this: LabWorld, name: string, alias: number) {
    writePublishPastMqttJs(this.existingClient(name), {
      topic: 'factory/line-1/oven/temperature',
      payload: 'reading 1',
      qos: 1,
      messageId: 1,
      properties: { topicAlias: alias },
    });
  },
);

// --- Subscription options and identifiers ----------------------------------------------------------

When('{client} subscribes to {topic} with No Local {word}', async function (this: LabWorld, name: string, filter: string, noLocal: string) {
  if (noLocal !== 'on' && noLocal !== 'off') throw new Error(`No Local is "on" or "off", not "${noLocal}"`);
  const client = await this.connectedClient(name, 5);
  // MQTT.js: `nl` is the No Local bit of the subscription options (spec 3.8.3.1).
  const [grant] = await client.subscribe(filter, { qos: 1, nl: noLocal === 'on' });
  expect(grant?.qos, `SUBACK for ${filter}`).to.equal(1);
});

Then(
  '{client} receives {string} on {topic} once, tagged with subscription identifier {int} only',
  async function (this: LabWorld, name: string, payload: string, topic: string, identifier: number) {
    await expectTaggedOnce(this, name, topic, [payload], identifier);
  },
);

Then(
  '{client} receives {string} and {string} on {topic}, each once and tagged with subscription identifier {int} only',
  async function (this: LabWorld, name: string, first: string, second: string, topic: string, identifier: number) {
    await expectTaggedOnce(this, name, topic, [first, second], identifier);
  },
);

// --- Topic aliases from the broker's side ------------------------------------------------------------

Given(
  '{client} is connected with MQTT 5, allowing the broker {int} topic aliases',
  async function (this: LabWorld, name: string, topicAliasMaximum: number) {
    await this.connect(name, { protocolVersion: 5, clientOptions: { properties: { topicAliasMaximum } } });
  },
);

Then(
  'every PUBLISH {client} read from its socket carried the full topic {topic} and no topic alias',
  function (this: LabWorld, name: string, topic: string) {
    expectNoAliasesReceived(this.existingClient(name), topic);
  },
);

// --- What the broker says in CONNACK and DISCONNECT ---------------------------------------------------

When(
  '{client} writes an MQTT 5 CONNECT without a client id, with clean start 0 and a session expiry of {int} seconds, by hand',
  async function (this: LabWorld, name: string, sessionExpiryInterval: number) {
    await connectWithoutIdKeepingSession(this, name, sessionExpiryInterval);
  },
);

Then("the broker accepts {client}'s CONNECT and tells it the client identifier it assigned", async function (this: LabWorld, name: string) {
  await expectAssignedIdentifier(this, name);
});

Then('{client}, coming back under the assigned identifier, finds its session', async function (this: LabWorld, name: string) {
  await comeBackUnderAssignedIdentifier(this, name);
});

When('{client} connects with {protocol} and a keepalive of {int} seconds', async function (this: LabWorld, name: string, protocolVersion: ProtocolVersion, keepalive: number) {
  await this.tryToConnect(name, { protocolVersion, clientOptions: { keepalive } });
});

Then("the broker's CONNACK tells {client} to use a keepalive of {int} seconds", function (this: LabWorld, name: string, seconds: number) {
  const connack = this.existingClient(name).lastConnack;
  expect(connack?.reasonCode ?? 0, `${name}'s CONNACK reason code`).to.equal(0);
  expect(connack?.properties?.serverKeepAlive, `Server Keep Alive in the CONNACK ${name} got`).to.equal(seconds);
});

Then("the broker's CONNACK leaves {client} its own keepalive", function (this: LabWorld, name: string) {
  const connack = this.existingClient(name).lastConnack;
  expect(connack?.reasonCode ?? 0, `${name}'s CONNACK reason code`).to.equal(0);
  expect(connack?.properties?.serverKeepAlive, `Server Keep Alive in the CONNACK ${name} got (absent: use your own)`).to.equal(undefined);
});
