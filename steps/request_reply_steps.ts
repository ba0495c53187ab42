/**
 * Steps about request/reply over MQTT 5 (labs/lab05/request-reply.ts): responders, requests in
 * flight, answers matched by correlation data, timeouts, and what the broker lets through.
 * The broker's DISCONNECT and "without any properties" use shared steps.
 */
import { DataTable, Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import { RequestTimeoutError } from '../labs/lab05/request-reply';
import { ProtocolVersion } from '../support/clients/lab-client';
import {
  answeredInReverseOnceWaiting,
  outcomesOf,
  requesterOf,
  responderRefusal,
  sendRequest,
  square,
  startResponder,
  tryToStartResponder,
} from '../support/mqtt/request-reply';
import { LabWorld } from '../support/world/world';

Given('{client} answers each request on {topic} with the square of its number', async function (this: LabWorld, name: string, topic: string) {
  await startResponder(this, name, topic, square);
});

Given(
  '{client} answers requests on {topic} with the square of their number, but only once {int} are waiting, and last-first',
  async function (this: LabWorld, name: string, topic: string, count: number) {
    await startResponder(this, name, topic, answeredInReverseOnceWaiting(count, square));
  },
);

Given(
  '{client} and {client} share the requests on {topic}, each answering with the square of the number',
  async function (this: LabWorld, first: string, second: string, sharedFilter: string) {
    await startResponder(this, first, sharedFilter, square);
    await startResponder(this, second, sharedFilter, square);
  },
);

When('{client} tries to answer requests on {topic}', async function (this: LabWorld, name: string, filter: string) {
  await tryToStartResponder(this, name, filter, square);
});

Then('{client} is refused as a responder, because request\\/reply needs MQTT 5', function (this: LabWorld, name: string) {
  expect(responderRefusal(this, name).message, `why ${name} could not answer requests`).to.contain('needs MQTT 5');
});

Given('{client} listens on {topic} with {protocol}', async function (this: LabWorld, name: string, filter: string, protocolVersion: ProtocolVersion) {
  await this.connect(name, { protocolVersion });
  await this.existingClient(name).subscribe(filter, { qos: 1 });
});

When('{client} sends the request {string} to {topic}', async function (this: LabWorld, name: string, payload: string, topic: string) {
  await sendRequest(this, name, topic, payload);
});

// Time is the behaviour: the timeout is in the step text.
When(
  '{client} sends the request {string} to {topic} with a timeout of {int} ms',
  async function (this: LabWorld, name: string, payload: string, topic: string, timeoutMs: number) {
    await sendRequest(this, name, topic, payload, timeoutMs);
  },
);

When(
  '{client} sends the requests {string}, {string} and {string} to {topic} at once',
  async function (this: LabWorld, name: string, first: string, second: string, third: string, topic: string) {
    // All three are published before any answer can come back: three requests in flight.
    await requesterOf(this, name);
    await Promise.all([first, second, third].map((payload) => sendRequest(this, name, topic, payload)));
  },
);

When(
  '{client} publishes a request to {topic} with the response topic {topic}',
  async function (this: LabWorld, name: string, topic: string, responseTopic: string) {
    // Straight through MQTT.js: the Requester class refuses such a response topic itself.
    // The publish's outcome is left alone on purpose: the broker answers it with DISCONNECT
    // 0x82, which the next step checks, so MQTT.js never calls back with an acknowledgement.
    this.existingClient(name).raw.publish(topic, 'request', { qos: 1, properties: { responseTopic, correlationData: Buffer.from('1') } }, () => undefined);
  },
);

Then('{client} gets the answer {string}', async function (this: LabWorld, name: string, answer: string) {
  const [outcome] = await outcomesOf(this, name);
  expect(outcome.error?.message, `${name}'s request "${outcome.request}" failed`).to.equal(undefined);
  expect(outcome.reply?.text, `the answer to "${outcome.request}"`).to.equal(answer);
});

/** Each request of the table ended with its answer; returns the table's rows. */
async function expectAnswers(world: LabWorld, name: string, table: DataTable): Promise<{ request: string; answer: string }[]> {
  const expected = table.hashes() as { request: string; answer: string }[];
  const outcomes = await outcomesOf(world, name);
  expect(
    outcomes.map((o) => ({ request: o.request, answer: o.reply?.text ?? `(failed: ${o.error?.message})` })),
    'each request with the answer it resolved with',
  ).to.deep.equal(expected);
  return expected;
}

Then(
  "{client}'s requests get their own answers, although the answers arrived last-first:",
  async function (this: LabWorld, name: string, table: DataTable) {
    const expected = await expectAnswers(this, name, table);
    // The order in which the answers reached the requester: proves they really crossed.
    const responseTopic = (await requesterOf(this, name)).responseTopic;
    const arrivals = this.existingClient(name).inbox.filter((m) => m.topic === responseTopic).map((m) => m.text);
    expect(arrivals, 'the answers in the order they arrived').to.deep.equal(expected.map((e) => e.answer).reverse());
  },
);

Then(
  "{client}'s request fails with a timeout after {int} ms, leaving nothing pending",
  async function (this: LabWorld, name: string, timeoutMs: number) {
    const [outcome] = await outcomesOf(this, name);
    expect(outcome.error, `how ${name}'s request ended`).to.be.instanceOf(RequestTimeoutError);
    expect(outcome.error!.message).to.contain(`within ${timeoutMs} ms`);
    // A timer fires no sooner than asked; a generous upper bound for a busy machine.
    expect(outcome.tookMs, 'ms until the request failed').to.be.within(timeoutMs, timeoutMs + 1_000);
    expect((await requesterOf(this, name)).pendingCount, 'requests still waiting').to.equal(0);
  },
);

Then(
  "{client}'s requests each get one answer, and {client} and {client} both answered some:",
  async function (this: LabWorld, name: string, first: string, second: string, table: DataTable) {
    const expected = await expectAnswers(this, name, table);
    // The barrier: any second answer to a request would have arrived by now.
    await this.settle(name);
    const responseTopic = (await requesterOf(this, name)).responseTopic;
    const answers = this.existingClient(name).inbox.filter((m) => m.topic === responseTopic);
    expect(answers.length, `answers that reached ${name}`).to.equal(expected.length);
    // A shared subscription hands each request to ONE member of the group, in turn.
    const requestsSeenBy = (worker: string) => this.existingClient(worker).inbox.filter((m) => m.properties?.responseTopic === responseTopic).length;
    const seen = { [first]: requestsSeenBy(first), [second]: requestsSeenBy(second) };
    expect(seen[first]! + seen[second]!, 'requests the two responders received between them').to.equal(expected.length);
    expect(Object.values(seen).every((count) => count > 0), `requests each responder received: ${JSON.stringify(seen)}`).to.equal(true);
  },
);
