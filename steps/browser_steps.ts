/**
 * Steps about the lab 11 dashboard page in a real browser: opening it from the broker, what it
 * shows, publishing from it, and leaving (closing the tab, or pressing Disconnect).
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import { BrowserDashboard } from '../support/clients/browser';
import { dashboardPageFiles, openDashboard } from '../support/clients/dashboard-page';
import { PROMPTLY_MS } from '../support/sync/waiting';
import { labPki } from '../support/pki/pki';
import { brokerCertificateFiles, browserArgsTrustingBrokerKey, TLS_PORT, WSS_PORT } from '../support/pki/tls';
import { WEBSOCKETS_PORT } from '../support/clients/websockets';
import { DEFAULT_BROKER, LabWorld } from '../support/world/world';

Given('a broker running {string} that serves the dashboard page', async function (this: LabWorld, configRef: string) {
  await this.startBroker(DEFAULT_BROKER, configRef, { extraPorts: [WEBSOCKETS_PORT], files: dashboardPageFiles() });
});

function pageOf(world: LabWorld, name: string): BrowserDashboard {
  const page = world.pages.get(name);
  if (!page) throw new Error(`${name} has no page open in this scenario`);
  return page;
}

Given('{client} has the dashboard page open, watching {topic}', async function (this: LabWorld, name: string, filter: string) {
  await openDashboard(this, name, filter);
});

When('{client} opens the dashboard page, watching {topic}', async function (this: LabWorld, name: string, filter: string) {
  await openDashboard(this, name, filter);
});

Then("{client}'s page shows {string} on {topic}", async function (this: LabWorld, name: string, payload: string, topic: string) {
  await pageOf(this, name).waitForShown(topic, payload);
});

Then("{client}'s page shows {string} on {topic} marked as retained", async function (this: LabWorld, name: string, payload: string, topic: string) {
  const shown = await pageOf(this, name).waitForShown(topic, payload);
  expect(shown.retained, 'the retain flag the page got with the message').to.equal(true);
});

Then("{client}'s page shows nothing on {topic}", async function (this: LabWorld, name: string, topic: string) {
  const page = pageOf(this, name);
  // The barrier: the Node clients' round trips make sure the broker has routed what they sent;
  // the page's own PINGREQ then comes back only after anything routed to the page.
  await this.settle();
  await page.roundTrip();
  const shown = (await page.shownMessages()).filter((m) => m.topic === topic);
  expect(shown.map((m) => m.payload), `what ${name}'s page shows on ${topic}`).to.deep.equal([]);
});

When('{client} publishes {string} to {topic} from its page', async function (this: LabWorld, name: string, payload: string, topic: string) {
  await pageOf(this, name).publish(topic, payload);
});

When("{client}'s tab is closed", async function (this: LabWorld, name: string) {
  await pageOf(this, name).closeTab();
});

When('{client} presses Disconnect on its page', async function (this: LabWorld, name: string) {
  const page = pageOf(this, name);
  // The page's DISCONNECT travels on its own connection: wait until the broker has handled it
  // (it logs the client's departure), so that a will it might publish has been published.
  const departure = new RegExp(`Client ${await page.clientId()} (disconnected|closed its connection)`);
  const departed = this.broker().waitForLogLine(departure, PROMPTLY_MS);
  await page.disconnect();
  await departed;
});

// Lab 13: the same page over https:// and wss://.
Given('a broker running {string} that serves the dashboard page over HTTPS', async function (this: LabWorld, configRef: string) {
  const files = [...brokerCertificateFiles(labPki(), 'valid'), ...dashboardPageFiles()];
  await this.startBroker(DEFAULT_BROKER, configRef, { extraPorts: [TLS_PORT, WSS_PORT], files });
});

Given(
  "{client} has the dashboard page open over HTTPS in a browser that trusts the broker's key, watching {topic}",
  async function (this: LabWorld, name: string, filter: string) {
    await openDashboard(this, name, filter, WSS_PORT, 'https', browserArgsTrustingBrokerKey(labPki()));
  },
);

When(
  '{client} opens the dashboard page over HTTPS in a browser that knows nothing of the lab CA, watching {topic}',
  async function (this: LabWorld, name: string, filter: string) {
    try {
      await openDashboard(this, name, filter, WSS_PORT, 'https');
    } catch (error) {
      this.outcomes.refusedPage = error as Error;
    }
  },
);

Then("{client}'s browser refuses the broker's certificate with {string}", function (this: LabWorld, name: string, code: string) {
  const refusal = this.outcomes.refusedPage;
  expect(refusal, `${name}'s browser loaded the page although it does not trust the broker's certificate`).to.be.instanceOf(Error);
  expect(refusal!.message.includes(code), `${name}'s browser should refuse with ${code}; it said: ${refusal!.message}`).to.equal(true);
});
