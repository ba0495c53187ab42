/**
 * Steps about the learner apps run as built programs (npm run build, then node build/labs/...):
 * lab 2's publisher and subscriber, lab 5's square service (a Responder) and requester. Each
 * step starts the artefact a learner runs, configured by environment variables, and reads what
 * it prints (support/apps/).
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import { QoS } from '../support/clients/lab-client';
import { appOf } from '../support/apps/lab-apps';
import { expectEndedWith, expectPrinted, receivedLine, runToEnd, startReady } from '../support/apps/app-scenarios';
import { PROMPTLY_MS } from '../support/sync/waiting';
import { LabWorld } from '../support/world/world';

Given('the subscriber app is built and started against the broker, subscribed to {topic}', async function (this: LabWorld, filter: string) {
  await startReady(this, 'subscriber', { TOPIC: filter }, `subscribed to ${filter} `);
});

When(
  'the publisher app is built and run against the broker to publish {string} to {topic} with {qos}',
  async function (this: LabWorld, payload: string, topic: string, qos: QoS) {
    const app = await runToEnd(this, 'publisher', { TOPIC: topic, MESSAGE: payload, QOS: String(qos) });
    expectEndedWith(app, 0);
  },
);

Then(
  'the publisher app reports that it published {string} to {topic} at {qos}, confirmed by {word}',
  function (this: LabWorld, payload: string, topic: string, qos: QoS, confirmation: string) {
    // What publishAsync waited for: at QoS 0 nothing comes back from the broker.
    const acknowledgement = confirmation === 'nothing' ? 'QoS 0: no acknowledgement' : confirmation;
    expectPrinted(appOf(this, 'publisher'), `published ${payload} to ${topic} at QoS ${qos} (${acknowledgement})`);
  },
);

Then('the subscriber app prints that it received {string} on {topic}', async function (this: LabWorld, payload: string, topic: string) {
  await appOf(this, 'subscriber').waitForLine(`that it received ${payload} on ${topic}`, receivedLine(payload, topic), PROMPTLY_MS);
});

Then(
  'the subscriber app prints that it received {string} on {topic}, and nothing before it',
  async function (this: LabWorld, payload: string, topic: string) {
    const app = appOf(this, 'subscriber');
    await app.waitForLine(`that it received ${payload} on ${topic}`, receivedLine(payload, topic), PROMPTLY_MS);
    // The broker handles one publisher's packets in order and delivers them in that order: had
    // an earlier publish matched the filter, its line would come first.
    const received = app.events.filter((line) => line.startsWith('received '));
    expect(received[0], `the first message ${app.name} printed`).to.satisfy(receivedLine(payload, topic));
  },
);

When('{app} is stopped', async function (this: LabWorld, name: string) {
  await appOf(this, name).stop();
});

Then('{app} says it disconnected, and ends without an error', function (this: LabWorld, name: string) {
  const app = appOf(this, name);
  expectEndedWith(app, 0);
  expectPrinted(app, 'disconnected');
});

Given('the square service app is built and started against the broker', async function (this: LabWorld) {
  await startReady(this, 'square service', {}, 'answering requests on ');
});

Then('the square service app reports that it answered {string} with {string}', async function (this: LabWorld, request: string, answer: string) {
  const expected = `request "${request}" on `;
  await appOf(this, 'square service').waitForLine(`that it answered "${request}" with "${answer}"`, (line) => line.startsWith(expected) && line.includes(`answering "${answer}" on `), PROMPTLY_MS);
});

When('the requester app is built and run against the broker to ask {string} on {topic}', async function (this: LabWorld, request: string, topic: string) {
  // The app's timeout is the suite's "promptly": a local responder answers in milliseconds.
  await runToEnd(this, 'requester', { REQUEST: request, REQUEST_TOPIC: topic, TIMEOUT_MS: String(PROMPTLY_MS) });
});

Then('the requester app prints the answer {string}', function (this: LabWorld, answer: string) {
  const app = appOf(this, 'requester');
  expectEndedWith(app, 0);
  const line = app.events.find((event) => event.startsWith('answer to '));
  expect(line, `the answer ${app.name} printed\n${app.describe()}`).to.match(new RegExp(`: "${answer}"$`));
});

Then('the requester app fails at once, because the square service could not answer', function (this: LabWorld) {
  const app = appOf(this, 'requester');
  expectEndedWith(app, 1);
  // "At once": the error answer came back; a timeout would say "No response ... within".
  const error = app.lines.find((line) => line.stream === 'stderr' && line.text.startsWith('error: '));
  expect(error?.text, `why ${app.name} failed\n${app.describe()}`).to.contain('The responder could not answer');
});
