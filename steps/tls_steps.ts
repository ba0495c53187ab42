/**
 * Steps about TLS: a broker with its certificates, clients that trust (or do not trust) its
 * CA, dial the right (or a wrong) name, bring a device certificate or none, and the TLS version
 * they end up with. Failures are judged by "{client} fails to connect, MQTT.js reporting ..."
 * (websocket_steps.ts), with the error code Node's TLS gives.
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import { attemptConnection, describeErrors, expectNoConnack, lastAttempt } from '../support/clients/connection-attempts';
import { brokerCertificateFiles, ClientTrust, clientOptionsFor, deviceCertificate, negotiatedTlsVersion, ServerCertificate, TLS_PORT, tlsUrl, tlsUrlByAddress } from '../support/pki/tls';
import { labPki, SERVER_NAME } from '../support/pki/pki';
import { DEFAULT_BROKER, LabWorld } from '../support/world/world';

async function startTlsBroker(world: LabWorld, configRef: string, certificate: ServerCertificate): Promise<void> {
  await world.startBroker(DEFAULT_BROKER, configRef, { extraPorts: [TLS_PORT], files: brokerCertificateFiles(labPki(), certificate) });
}

Given('a broker running {string} with its certificate from the lab CA', async function (this: LabWorld, configRef: string) {
  await startTlsBroker(this, configRef, 'valid');
});

Given('a broker running {string} with a certificate that expired yesterday', async function (this: LabWorld, configRef: string) {
  await startTlsBroker(this, configRef, 'expired');
});

Given('a broker running {string} with a lab CA certificate made for another host', async function (this: LabWorld, configRef: string) {
  await startTlsBroker(this, configRef, 'other-host');
});

async function connectOverTls(world: LabWorld, name: string, setup: ClientTrust, url = tlsUrl(world.broker()), extra = {}): Promise<void> {
  const options = { ...clientOptionsFor(labPki(), setup), ...extra };
  await attemptConnection(world.outcomes, world.client(name), url, options);
}

/** For a "Given": the connection is the scenario's premise, so a failure ends the scenario here. */
async function connectedOverTls(world: LabWorld, name: string, setup: ClientTrust, extra = {}): Promise<void> {
  await connectOverTls(world, name, setup, undefined, extra);
  const client = world.existingClient(name);
  const attempt = lastAttempt(world.outcomes, client);
  if (!attempt.connack || !client.isConnected) {
    const code = attempt.connack ? `CONNACK code ${attempt.connack.returnCode ?? attempt.connack.reasonCode}` : describeErrors(attempt);
    throw new Error(`${name} could not connect over TLS to ${attempt.url}: ${code}`);
  }
}

Given('{client} is connected over TLS trusting the lab CA', async function (this: LabWorld, name: string) {
  await connectedOverTls(this, name, { trust: 'lab CA' });
});

Given('{client} is connected over TLS with its device certificate', async function (this: LabWorld, name: string) {
  await connectedOverTls(this, name, { trust: 'lab CA', certificate: deviceCertificate(labPki(), name) });
});

When('{client} connects over TLS trusting the lab CA', async function (this: LabWorld, name: string) {
  await connectOverTls(this, name, { trust: 'lab CA' });
});

When("{client} connects over TLS trusting only the system's public CAs", async function (this: LabWorld, name: string) {
  await connectOverTls(this, name, { trust: 'no CA' });
});

When('{client} connects over TLS trusting another CA', async function (this: LabWorld, name: string) {
  await connectOverTls(this, name, { trust: 'other CA' });
});

When('{client} connects over TLS with certificate verification turned off', async function (this: LabWorld, name: string) {
  await connectOverTls(this, name, { trust: 'nothing (verification off)' });
});

When("{client} connects over TLS to the broker's IP address, trusting the lab CA", async function (this: LabWorld, name: string) {
  await connectOverTls(this, name, { trust: 'lab CA' }, tlsUrlByAddress(this.broker()));
});

When(
  "{client} connects over TLS to the broker's IP address, trusting the lab CA and naming the broker's host name",
  async function (this: LabWorld, name: string) {
    await connectOverTls(this, name, { trust: 'lab CA', servername: SERVER_NAME }, tlsUrlByAddress(this.broker()));
  },
);

When('{client} connects over TLS offering at most TLS 1.2', async function (this: LabWorld, name: string) {
  await connectOverTls(this, name, { trust: 'lab CA', maxVersion: 'TLSv1.2' });
});

// Mutual TLS: a client certificate whose CN is the client's name ("the kitchen sensor": kitchen-sensor).
When('{client} connects over TLS with its device certificate', async function (this: LabWorld, name: string) {
  await connectOverTls(this, name, { trust: 'lab CA', certificate: deviceCertificate(labPki(), name) });
});

Given('{client} connects over TLS with its device certificate and claims the username {string}', async function (this: LabWorld, name: string, username: string) {
  await connectedOverTls(this, name, { trust: 'lab CA', certificate: deviceCertificate(labPki(), name) }, { username, password: 'ignored' });
});

When('{client} connects over TLS without a client certificate', async function (this: LabWorld, name: string) {
  await connectOverTls(this, name, { trust: 'lab CA' });
});

When('{client} connects over TLS with a device certificate from another CA', async function (this: LabWorld, name: string) {
  await connectOverTls(this, name, { trust: 'lab CA', certificate: labPki().strangerDevice });
});

Then('{client} is connected over {string}', function (this: LabWorld, name: string, version: string) {
  const client = this.existingClient(name);
  expect(client.isConnected, `${name} is connected`).to.equal(true);
  expect(negotiatedTlsVersion(client), `the TLS version ${name} negotiated`).to.equal(version);
});

When('{client} connects to the plain MQTT port from outside the broker', async function (this: LabWorld, name: string) {
  await attemptConnection(this.outcomes, this.client(name), this.broker().url());
});

Then('{client} gets no CONNACK: the connection is cut before MQTT begins', function (this: LabWorld, name: string) {
  // Docker forwards the port, but nothing listens on the container's network interface: the
  // forwarder cuts the connection (ECONNRESET here; other engines may close it quietly).
  const client = this.existingClient(name);
  expectNoConnack(this.outcomes, client);
  this.log(`${name}: ${describeErrors(lastAttempt(this.outcomes, client))}`);
});

When(
  "a tool on the broker's own host publishes {string} to {topic} over the plain listener",
  async function (this: LabWorld, payload: string, topic: string) {
    // Inside the container, 127.0.0.1 is the broker's loopback: the plain listener is there.
    const { exitCode, output } = await this.broker().exec(['mosquitto_pub', '-h', '127.0.0.1', '-p', '1883', '-q', '1', '-t', topic, '-m', payload]);
    expect(exitCode, `mosquitto_pub on the broker's host: ${output}`).to.equal(0);
  },
);
