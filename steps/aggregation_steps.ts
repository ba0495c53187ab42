/**
 * Steps about aggregating many sites on one cloud broker: a group of workers sharing the
 * stream, and who got which message, counted only after every bridge delivered what it had.
 */
import { Given, Then } from '@cucumber/cucumber';
import { expect } from 'chai';
import { isProbe, settleAcrossBridges } from '../support/mqtt/bridges';
import { clientOn } from '../support/brokers/topology';
import { PROMPTLY_MS } from '../support/sync/waiting';
import { LabWorld } from '../support/world/world';

Given('{client} and {client} share {topic} in the group {string} on {broker}', async function (this: LabWorld, first: string, second: string, filter: string, group: string, broker: string) {
  for (const name of [first, second]) {
    const worker = await clientOn(this, name, broker);
    await worker.subscribe(`$share/${group}/${filter}`, { qos: 1 });
  }
});

/** The payloads a client received, on any topic, without the bridge probes. */
function payloadsOf(world: LabWorld, name: string): string[] {
  return world.existingClient(name).inbox.filter((m) => !isProbe(m.topic)).map((m) => m.text);
}

async function deliveredEverything(world: LabWorld, names: string[], count: number): Promise<void> {
  // Wait (bounded) until the expected number arrived, then the cross-hop barrier catches extras.
  const deadline = Date.now() + PROMPTLY_MS * 2;
  for (const name of names) {
    const client = world.existingClient(name);
    await client.waitForMessages('the messages', (m) => !isProbe(m.topic), Math.ceil(count / names.length), Math.max(1, deadline - Date.now())).catch(() => undefined);
  }
  await settleAcrossBridges(world);
}

Then(
  '{client} and {client} together received {numbered}, each exactly once, and each some of them',
  async function (this: LabWorld, first: string, second: string, payloads: string[]) {
    await deliveredEverything(this, [first, second], payloads.length);
    const a = payloadsOf(this, first);
    const b = payloadsOf(this, second);
    expect([...a, ...b].sort(), `what ${first} and ${second} received together`).to.deep.equal([...payloads].sort());
    expect(a.length, `messages ${first} got (${second} got ${JSON.stringify(b)})`).to.be.greaterThan(0);
    expect(b.length, `messages ${second} got (${first} got ${JSON.stringify(a)})`).to.be.greaterThan(0);
  },
);

Then('both {client} and {client} received {numbered}, each exactly once', async function (this: LabWorld, first: string, second: string, payloads: string[]) {
  await deliveredEverything(this, [first, second], payloads.length * 2);
  for (const name of [first, second]) {
    expect(payloadsOf(this, name).sort(), `what ${name} received`).to.deep.equal([...payloads].sort());
  }
});

Then('{client} received {numbered}, each exactly once', async function (this: LabWorld, name: string, payloads: string[]) {
  await deliveredEverything(this, [name], payloads.length);
  expect(payloadsOf(this, name).sort(), `what ${name} received`).to.deep.equal([...payloads].sort());
});
