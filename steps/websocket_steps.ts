/**
 * Steps about MQTT over WebSockets from Node: connecting on the WebSockets listener, what a
 * client that gets the transport wrong sees, and the files the listener serves (http_dir).
 */
import { readFileSync } from 'node:fs';
import { Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import WebSocket from 'ws';
import { MQTT_PORT } from '../support/brokers/broker';
import { endpointOf } from '../support/services/endpoints';
import { attemptConnection, expectFailedWith } from '../support/clients/connection-attempts';
import { PAGE_PATH } from '../support/clients/dashboard-page';
import { WaitTimeout } from '../support/sync/waiting';
import { HttpAnswer, httpGet, WEBSOCKETS_PORT, webSocketUrl, withoutMqttSubprotocol } from '../support/clients/websockets';
import { DEFAULT_BROKER, LabWorld } from '../support/world/world';

Given('a broker running {string}, reachable over WebSockets too', async function (this: LabWorld, configRef: string) {
  await this.startBroker(DEFAULT_BROKER, configRef, { extraPorts: [WEBSOCKETS_PORT] });
});

Given('{client} is connected over WebSockets', async function (this: LabWorld, name: string) {
  // MQTT.js: mqtt.connect('ws://host:9001'): it asks for the "mqtt" subprotocol by itself.
  await this.client(name).connect(webSocketUrl(this.broker()));
});

When('{client} connects over WebSockets', async function (this: LabWorld, name: string) {
  await attemptConnection(this.outcomes, this.client(name), webSocketUrl(this.broker()));
});

When('{client} connects over WebSockets without asking for the {string} subprotocol', function (this: LabWorld, name: string, subprotocol: string) {
  expect(subprotocol, 'MQTT.js leaves out this subprotocol').to.equal('mqtt');
  const { options, opened } = withoutMqttSubprotocol();
  this.outcomes.unansweredSocket = opened;
  // Not awaited: the point is that no answer ever comes; the next step bounds the wait.
  this.client(name).connect(webSocketUrl(this.broker()), { ...options, connectTimeout: 30_000 }).catch(() => undefined);
});

// Time is the behaviour here: an unanswered CONNECT can only be shown with a bound.
Then("{client}'s WebSocket opens, but its CONNECT gets no CONNACK within {int} seconds", async function (this: LabWorld, name: string, seconds: number) {
  const client = this.existingClient(name);
  const connack = await client
    .waitForPacket('a CONNACK', (t) => t.packet.cmd === 'connack', seconds * 1000)
    .catch((error) => (error instanceof WaitTimeout ? undefined : Promise.reject(error)));
  expect(connack, `${name} got a CONNACK although it did not ask for the mqtt subprotocol`).to.equal(undefined);
  const socket = this.outcomes.unansweredSocket?.();
  expect(socket?.readyState, `${name}'s WebSocket state (1 = open)`).to.equal(WebSocket.OPEN);
  expect(socket?.protocol, 'the subprotocol the upgrade agreed on').to.equal('');
  expect(client.trace.some((t) => t.direction === 'sent' && t.packet.cmd === 'connect'), `${name} sent its CONNECT`).to.equal(true);
});

When('{client} connects with plain MQTT to the WebSockets port', async function (this: LabWorld, name: string) {
  await attemptConnection(this.outcomes, this.client(name), endpointOf(this.broker(), 'mqtt', WEBSOCKETS_PORT).url);
});

When('{client} connects over WebSockets to the plain MQTT port', async function (this: LabWorld, name: string) {
  await attemptConnection(this.outcomes, this.client(name), endpointOf(this.broker(), 'ws', MQTT_PORT).url);
});

Then('{client} fails to connect, MQTT.js reporting {string}', function (this: LabWorld, name: string, expected: string) {
  expectFailedWith(this.outcomes, this.existingClient(name), expected);
});

When("{client} fetches the dashboard page from the broker's WebSockets port", async function (this: LabWorld, _name: string) {
  this.outcomes.httpAnswer = await httpGet(this.broker(), PAGE_PATH);
});

When("{client} asks the broker's WebSockets port for the broker's configuration file", async function (this: LabWorld, _name: string) {
  // http_dir is /mosquitto/config/www; the configuration sits one folder up. Both the plain
  // name and a climb out of the folder ("/../") must fail.
  for (const path of ['/websockets.conf', '/../websockets.conf']) {
    const answer = await httpGet(this.broker(), path);
    this.outcomes.httpAnswer = answer;
    if (answer.status === 200) break;
  }
});

function lastAnswer(world: LabWorld): HttpAnswer {
  const answer = world.outcomes.httpAnswer;
  if (!answer) throw new Error('Nothing was fetched from the broker in this scenario');
  return answer;
}

Then('the broker serves the dashboard page', function (this: LabWorld) {
  const answer = lastAnswer(this);
  expect(answer.status, `HTTP status of ${PAGE_PATH}`).to.equal(200);
  expect(answer.body.toString(), 'the page the broker served').to.contain('<script src="mqtt.min.js"></script>');
});

Then('the broker serves the MQTT.js browser bundle from the installed mqtt package', async function (this: LabWorld) {
  const answer = await httpGet(this.broker(), '/mqtt.min.js');
  expect(answer.status, 'HTTP status of /mqtt.min.js').to.equal(200);
  const installed = readFileSync(require.resolve('mqtt/dist/mqtt.min'));
  expect(answer.body.equals(installed), 'the served bundle is node_modules/mqtt/dist/mqtt.min.js').to.equal(true);
});

Then('the broker answers {string}', function (this: LabWorld, statusLine: string) {
  const answer = lastAnswer(this);
  expect(`${answer.status} ${answer.statusText}`, 'the HTTP status line').to.equal(statusLine);
  expect(answer.body.toString(), 'the answer must not contain the configuration').to.not.contain('listener');
});
