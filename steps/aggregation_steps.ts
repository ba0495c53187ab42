/**
 * Steps about aggregating many sites on one cloud broker: a group of workers sharing the
 * stream, and who got which message, counted only after every bridge delivered what it had.
 */
import { Given, Then } from '@cucumber/cucumber';
import { isProbe, settleAcrossBridges } from '../support/mqtt/bridges';
import { clientOn } from '../support/brokers/topology';
import { PROMPTLY_MS } from '../support/sync/waiting';
import { LabWorld } from '../support/world/world';
import { AFTER_EVERY_BRIDGE, expectPayloads } from '../support/sync/delivery-checks';
import { expectGranted } from '../support/mqtt/reason-code-checks';
import { expectDealtInTurn } from '../support/mqtt/shared-turns';

Given('{client} and {client} share {topic} in the group {string} on {broker}', async function (this: LabWorld, first: string, second: string, filter: string, group: string, broker: string) {
  for (const name of [first, second]) {
    const worker = await clientOn(this, name, broker);
    const shared = `$share/${group}/${filter}`;
    const [grant] = await worker.subscribe(shared, { qos: 1 });
    expectGranted(worker, shared, grant?.qos, 1);
  }
});

/** The payloads a client received, on any topic, without the bridge probes. */
function payloadsOf(world: LabWorld, name: string): string[] {
  return world.existingClient(name).inbox.filter((m) => !isProbe(m.topic)).map((m) => m.text);
}

async function deliveredEverything(world: LabWorld, names: string[], count: number): Promise<void> {
  // Wait (bounded) until the expected number arrived, then the cross-hop barrier catches extras.
  const deadline = Date.now() + PROMPTLY_MS * 2;
  // A worker that left receives nothing either: say so at once, not after the wait.
  for (const name of names) world.existingClient(name).expectConnected(`counting what ${name} received`);
  for (const name of names) {
    const client = world.existingClient(name);
    await client.waitForMessages('the messages', (m) => !isProbe(m.topic), Math.ceil(count / names.length), Math.max(1, deadline - Date.now())).catch(() => undefined);
  }
  await settleAcrossBridges(world, names);
}

Then(
  '{client} and {client} together received {numbered}, each exactly once, dealt to them in turn',
  async function (this: LabWorld, first: string, second: string, payloads: string[]) {
    await deliveredEverything(this, [first, second], payloads.length);
    const a = payloadsOf(this, first);
    const b = payloadsOf(this, second);
    if ([...a, ...b].sort().join('\n') !== [...payloads].sort().join('\n')) {
      throw new Error(
        `the ${first} and the ${second} did not receive each message exactly once between them (${AFTER_EVERY_BRIDGE}):` +
          `\n  expected: ${JSON.stringify(payloads)}\n  the ${first} received: ${JSON.stringify(a)}\n  the ${second} received: ${JSON.stringify(b)}`,
      );
    }
    expectDealtInTurn(payloads, new Map([[first, a], [second, b]]));
  },
);

Then('both {client} and {client} received {numbered}, each exactly once', async function (this: LabWorld, first: string, second: string, payloads: string[]) {
  await deliveredEverything(this, [first, second], payloads.length * 2);
  for (const name of [first, second]) {
    const client = this.existingClient(name);
    expectPayloads(client, 'its topics', client.inbox.filter((m) => !isProbe(m.topic)), payloads, 'in any order', AFTER_EVERY_BRIDGE);
  }
});

Then('{client} received {numbered}, each exactly once', async function (this: LabWorld, name: string, payloads: string[]) {
  await deliveredEverything(this, [name], payloads.length);
  const client = this.existingClient(name);
  expectPayloads(client, 'its topics', client.inbox.filter((m) => !isProbe(m.topic)), payloads, 'in any order', AFTER_EVERY_BRIDGE);
});
