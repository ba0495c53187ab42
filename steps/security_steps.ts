/**
 * Steps about security: password files (authentication) and ACLs (authorisation). A client
 * "logs in" with the username of its name and the password of the lab's demo users list.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import { grantFor, reasonCodeErrors } from '../support/mqtt/access-control';
import { ProtocolVersion, QoS } from '../support/clients/lab-client';
import { parseConfigRef } from '../support/brokers/lab-files';
import { PASSWORD_FILE, passwordFilePreparation, readDemoUsers, usernameOf } from '../support/brokers/password-file';
import { expectPublished, lastPublish, publishAndRecord, publishAnswer, publishInWords } from '../support/mqtt/publishing';
import { DEFAULT_BROKER, LabWorld } from '../support/world/world';
import { expectCode, expectGranted } from '../support/mqtt/reason-code-checks';
import { describeCode } from '../support/mqtt/reason-codes';

Given('a broker running {string} with a password file made from {string}', async function (this: LabWorld, configRef: string, usersRef: string) {
  const config = parseConfigRef(configRef);
  const users = parseConfigRef(usersRef);
  if (users.lab !== config.lab) throw new Error(`The users list must come from brokers/${config.lab}, like the configuration`);
  this.demoUsers.remember(readDemoUsers(usersRef));
  await this.startBroker(DEFAULT_BROKER, configRef, { preparation: passwordFilePreparation(users.configFile) });
});

Given('{client} is logged in', async function (this: LabWorld, name: string) {
  await this.connect(name, { clientOptions: this.demoUsers.credentialsOf(name) });
});

Given('{client} is logged in with {protocol}', async function (this: LabWorld, name: string, protocolVersion: ProtocolVersion) {
  await this.connect(name, { protocolVersion, clientOptions: this.demoUsers.credentialsOf(name) });
});

Given('{client} is logged in and subscribed to {topic}', async function (this: LabWorld, name: string, filter: string) {
  await this.connect(name, { clientOptions: this.demoUsers.credentialsOf(name) });
  const [grant] = await this.existingClient(name).subscribe(filter, { qos: 1 });
  expectGranted(this.existingClient(name), filter, grant?.qos);
});

When('{client} logs in with its password', async function (this: LabWorld, name: string) {
  // MQTT.js: mqtt.connect(url, { username: 'thermostat', password: 'warm-and-cosy', ... })
  await this.tryToConnect(name, { clientOptions: this.demoUsers.credentialsOf(name) });
});

When('{client} connects with a wrong password using {protocol}', async function (this: LabWorld, name: string, protocolVersion: ProtocolVersion) {
  await this.tryToConnect(name, { protocolVersion, clientOptions: this.demoUsers.wrongPasswordFor(name) });
});

When('{client} connects with no username using {protocol}', async function (this: LabWorld, name: string, protocolVersion: ProtocolVersion) {
  await this.tryToConnect(name, { protocolVersion });
});

Then('MQTT.js reports the refusal to {client} as an error with code {code}', function (this: LabWorld, name: string, code: number) {
  // client.on('error', (err) => err instanceof ErrorWithReasonCode && err.code === 5 ...)
  const client = this.existingClient(name);
  const codes = reasonCodeErrors(client).map((e) => e.code);
  if (!codes.includes(code)) {
    const seen = codes.length ? codes.map((c) => describeCode(c, 'CONNACK', client.protocolVersion)).join(', ') : 'none';
    throw new Error(`MQTT.js reported no refusal with code ${describeCode(code, 'CONNACK', client.protocolVersion)} to the ${name}; the codes of its ErrorWithReasonCode events: ${seen}.`);
  }
});

Then('the password file holds a salted hash for {client}, not its password', async function (this: LabWorld, name: string) {
  const { exitCode, output } = await this.broker().exec(['cat', PASSWORD_FILE]);
  expect(exitCode, output).to.equal(0);
  const username = usernameOf(name);
  const line = output.split('\n').find((l) => l.startsWith(`${username}:`));
  expect(line, `a line for ${username} in ${PASSWORD_FILE}`).to.be.a('string');
  // $7$ = PBKDF2 with SHA-512, then the iteration count, a base64 salt and a base64 hash.
  expect(line!.slice(username.length + 1)).to.match(/^\$7\$\d+\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
  expect(line).to.not.contain(this.demoUsers.credentialsOf(name).password as string);
});

When('{client} tries to publish {string} to {topic} with {qos}', async function (this: LabWorld, name: string, payload: string, topic: string, qos: QoS) {
  // Unlike "publishes", this does not fail on an error reason code: for MQTT 5 a PUBACK 0x87
  // (not authorised) is the answer the scenario expects. MQTT.js hands such a code to the
  // publish callback as an ErrorWithReasonCode; the next step looks at the PUBACK itself.
  await publishAndRecord(this, name, topic, payload, { qos });
});

Then('{client} gets a PUBACK as if the message had been accepted', function (this: LabWorld, name: string) {
  // MQTT 3.1.1 has no way to say "not authorised" in a PUBACK: Mosquitto acknowledges the
  // message so that the client does not send it again, and drops it.
  const record = lastPublish(this, name);
  expectCode(publishAnswer(record), 0);
  if (record.outcome.error) throw new Error(`MQTT.js reported ${publishInWords(record)} as failed: ${record.outcome.error.message}`);
});

Then('the broker grants {client} {qos} for {topic}', function (this: LabWorld, name: string, qos: QoS, filter: string) {
  expectGranted(this.existingClient(name), filter, grantFor(this.existingClient(name), filter), qos);
});

/** status/<client id>: the topic `pattern write status/%c` lets each client write. */
const statusTopicOf = (world: LabWorld, name: string) => `status/${world.existingClient(name).clientId}`;

When('{client} publishes {string} to its own status topic', async function (this: LabWorld, name: string, payload: string) {
  const topic = statusTopicOf(this, name);
  const { outcome } = await publishAndRecord(this, name, topic, payload, { qos: 1 });
  expectPublished(name, payload, topic, outcome);
});

Then("{client} receives {string} on {client}'s status topic", async function (this: LabWorld, name: string, payload: string, owner: string) {
  const topic = statusTopicOf(this, owner);
  await this.existingClient(name).waitForPayload(payload, topic);
});
