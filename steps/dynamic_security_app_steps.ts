/**
 * Steps about lab 17's learner code run as built apps: the admin app sends dynamic security
 * commands as JSON over MQTT (labs/lab17/), and a device (lab 13's TLS publisher) connects over
 * TLS with the client the admin app made, and may do only what its role allows.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import { appOf } from '../support/apps/lab-apps';
import { expectEndedWith, expectPrinted, runToEnd } from '../support/apps/app-scenarios';
import { DYNSEC_ADMIN } from '../support/brokers/dynamic-security';
import { labCaFile } from '../support/pki/ca-file';
import { clientOptionsFor, tlsUrl } from '../support/pki/tls';
import { labPki } from '../support/pki/pki';
import { usernameOf } from '../support/brokers/password-file';
import { LabWorld } from '../support/world/world';

/** The clients a feature's JSON commands create: they can then log in with "their password". */
function rememberCreatedClients(world: LabWorld, json: string): void {
  const { commands } = JSON.parse(json) as { commands: { command: string; username?: string; password?: string }[] };
  for (const c of commands) if (c.command === 'createClient' && c.username && c.password) world.demoUsers.add(c.username, c.password);
}

When('the admin app is built and run over TLS to send:', async function (this: LabWorld, json: string) {
  rememberCreatedClients(this, json);
  // The admin's password travels in CONNECT: over TLS, trusting the lab CA, as a device does.
  await runToEnd(this, 'admin', {
    COMMANDS: json,
    MQTT_URL: tlsUrl(this.broker()),
    CA_FILE: labCaFile(this),
    MQTT_USERNAME: DYNSEC_ADMIN.username,
    MQTT_PASSWORD: DYNSEC_ADMIN.password,
  });
});

Then('the admin app reports every command done, and ends without an error', function (this: LabWorld) {
  const app = appOf(this, 'admin');
  expectEndedWith(app, 0);
  expect(app.events.filter((line) => line.startsWith('refused ')), `commands ${app.name} reported refused\n${app.describe()}`).to.deep.equal([]);
  expectPrinted(app, 'disconnected');
});

Then('the admin app reports {string}', function (this: LabWorld, line: string) {
  expectPrinted(appOf(this, 'admin'), line);
});

Then('the admin app reports {string}, and fails', function (this: LabWorld, line: string) {
  const app = appOf(this, 'admin');
  expectPrinted(app, line);
  expectEndedWith(app, 1);
});

Given('{client} is logged in over TLS, trusting the lab CA', async function (this: LabWorld, name: string) {
  // Username and password as in lab 6, inside TLS so that the password is not readable on the way.
  const options = { ...clientOptionsFor(labPki(), { trust: 'lab CA' }), ...this.demoUsers.credentialsOf(name) };
  await this.client(name, 5).connect(tlsUrl(this.broker()), options);
});

When('{client} runs the TLS publisher app to publish {string} to {topic}', async function (this: LabWorld, name: string, payload: string, topic: string) {
  const { username, password } = this.demoUsers.credentialsOf(name);
  await runToEnd(this, 'TLS publisher', {
    MQTT_URL: tlsUrl(this.broker()),
    CA_FILE: labCaFile(this),
    MQTT_USERNAME: username!,
    MQTT_PASSWORD: String(password),
    MQTT_CLIENT_ID: `${usernameOf(name)}-device`,
    TOPIC: topic,
    MESSAGE: payload,
    QOS: '1',
  });
});

Then('the TLS publisher app reports that it published {string} to {topic}, encrypted', function (this: LabWorld, payload: string, topic: string) {
  const app = appOf(this, 'TLS publisher');
  expectEndedWith(app, 0);
  expectPrinted(app, `published ${payload} to ${topic} at QoS 1, encrypted`);
});

Then('the TLS publisher app fails, MQTT.js reporting the PUBACK {string}', function (this: LabWorld, reason: string) {
  // MQTT 5: the broker's PUBACK 0x87 rejects publishAsync with an ErrorWithReasonCode whose
  // message is the reason code's name; the app prints it and exits 1.
  const app = appOf(this, 'TLS publisher');
  expectEndedWith(app, 1);
  const error = app.lines.find((line) => line.stream === 'stderr' && line.text.startsWith('error: '));
  expect(error?.text, `why ${app.name} failed\n${app.describe()}`).to.contain(reason);
});
