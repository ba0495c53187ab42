/**
 * Steps about the lab 11 dashboard page in a real browser: opening it from the broker, what it
 * shows, publishing from it, and leaving (closing the tab, or pressing Disconnect).
 */
import { Given, Then, When } from '@cucumber/cucumber';
import { expect } from 'chai';
import { BrowserDashboard } from '../support/browser';
import { dashboardPageFiles, PAGE_PATH } from '../support/dashboard-page';
import { PROMPTLY_MS } from '../support/waiting';
import { WEBSOCKETS_PORT } from '../support/websockets';
import { DEFAULT_BROKER, LabWorld } from '../support/world';

Given('a broker running {string} that serves the dashboard page', async function (this: LabWorld, configRef: string) {
  await this.startBroker(DEFAULT_BROKER, configRef, { extraPorts: [WEBSOCKETS_PORT], files: dashboardPageFiles() });
});

async function openPage(world: LabWorld, name: string, filter: string): Promise<void> {
  if (world.pages.has(name)) throw new Error(`${name} already has the page open`);
  // The page's address is the broker's WebSockets port: the page then connects back to it.
  const url = world.broker().url(WEBSOCKETS_PORT, 'http') + PAGE_PATH;
  const page = await BrowserDashboard.open(name, url, filter);
  world.pages.set(name, page);
}

function pageOf(world: LabWorld, name: string): BrowserDashboard {
  const page = world.pages.get(name);
  if (!page) throw new Error(`${name} has no page open in this scenario`);
  return page;
}

Given('{client} has the dashboard page open, watching {topic}', async function (this: LabWorld, name: string, filter: string) {
  await openPage(this, name, filter);
});

When('{client} opens the dashboard page, watching {topic}', async function (this: LabWorld, name: string, filter: string) {
  await openPage(this, name, filter);
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
