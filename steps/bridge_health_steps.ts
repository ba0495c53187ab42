/**
 * Steps about a bridge's health as Mosquitto reports it on `$SYS/broker/connection/<remote
 * client id>/state`, and about how fast a bridge notices a fault and recovers from it. Where
 * time is the behaviour, the bound is in the step text and the measured time goes to the report.
 */
import { Then } from '@cucumber/cucumber';
import { bridgeLink, isStateOf, stateWatcher, waitForBridgeState, waitForBridgeUp } from '../support/mqtt/bridges';
import { letTimePassUntil } from '../support/sync/protocol-clock';
import { lastFaultOf, LOSSES, RETURNS } from '../support/brokers/faults';
import { PROMPTLY_MS } from '../support/sync/waiting';
import { LabWorld } from '../support/world/world';

Then('{broker} reports its bridge to {broker} as connected', async function (this: LabWorld, local: string, remote: string) {
  await waitForBridgeState(this, bridgeLink(this, local, remote), '1', PROMPTLY_MS);
});

Then('{broker} reports the bridge from {broker} as connected', async function (this: LabWorld, remote: string, local: string) {
  // On the remote end the state topic is the bridge's own publication, and its will.
  const link = bridgeLink(this, local, remote);
  await waitForBridgeState(this, { ...link, local: remote, remote: local }, '1', PROMPTLY_MS);
});

Then('{broker} reports its bridge to {broker} as down within {int} second(s)', async function (this: LabWorld, local: string, remote: string, seconds: number) {
  const fault = lastFaultOf(this, remote, LOSSES);
  const seenAt = await waitForBridgeState(this, bridgeLink(this, local, remote), '0', Math.max(1, fault.at + seconds * 1000 - Date.now()));
  this.log(`measured: the ${remote} broker ${fault.fault} -> bridge state 0 on the ${local} broker after ${seenAt - fault.at} ms`);
});

Then(
  'messages flow from {broker} to {broker} again within {int} seconds of its return',
  async function (this: LabWorld, local: string, remote: string, seconds: number) {
    const back = lastFaultOf(this, [local, remote], RETURNS);
    const link = bridgeLink(this, local, remote);
    await waitForBridgeUp(this, link, Math.max(1, back.at + seconds * 1000 - Date.now()));
    const what = back.fault === 'reconnected' ? `the network between the ${local} and the ${remote} broker restored` : `the ${back.broker} broker back`;
    this.log(`measured: ${what} -> bridge state 1 and a probe across after ${Date.now() - back.at} ms`);
  },
);

Then('{broker} learns within {int} second(s) that the bridge from {broker} is gone', async function (this: LabWorld, remote: string, seconds: number, local: string) {
  // The bridge set a will on its connection to the remote broker: state 0, retained.
  const fault = lastFaultOf(this, local, LOSSES);
  const link = bridgeLink(this, local, remote);
  const seenAt = await waitForBridgeState(this, { ...link, local: remote, remote: local }, '0', Math.max(1, fault.at + seconds * 1000 - Date.now()));
  this.log(`measured: the ${local} broker ${fault.fault} -> its bridge's will (state 0) on the ${remote} broker after ${seenAt - fault.at} ms`);
});

Then(
  'messages flow from {broker} to {broker} within {int} seconds of {broker} going down',
  async function (this: LabWorld, local: string, remote: string, seconds: number, down: string) {
    const fault = lastFaultOf(this, down, LOSSES);
    await waitForBridgeUp(this, bridgeLink(this, local, remote), Math.max(1, fault.at + seconds * 1000 - Date.now()));
    this.log(`measured: the ${down} broker ${fault.fault} -> bridge from ${local} on the ${remote} broker, probe across, after ${Date.now() - fault.at} ms`);
  },
);

// Time is the behaviour: staying put is only visible once the time in the step text has passed.
Then(
  'messages still flow from {broker} to {broker} {int} seconds after {broker} is back',
  async function (this: LabWorld, local: string, remote: string, seconds: number, back: string) {
    const returned = lastFaultOf(this, back, RETURNS);
    await letTimePassUntil(returned.at + seconds * 1000);
    // A bridge is connected to one broker at a time: a probe that crosses to this one proves it.
    await waitForBridgeUp(this, bridgeLink(this, local, remote), PROMPTLY_MS);
  },
);

Then(
  'within {int} seconds {broker} reports its bridge to {broker} as down {int} times',
  async function (this: LabWorld, seconds: number, local: string, remote: string, times: number) {
    const link = bridgeLink(this, local, remote);
    const watcher = await stateWatcher(this, local);
    // Only drops from now on: a fresh broker may have published 0 before its bridge first connected.
    const from = watcher.inbox.length;
    const drops = () => watcher.inbox.slice(from).filter((m) => isStateOf(link, m.topic) && m.text === '0').length;
    try {
      await watcher.waitForMessage(`${times} × state 0 of its bridge to the ${remote} broker`, () => drops() >= times, seconds * 1000);
    } catch (error) {
      throw new Error(`${(error as Error).message}; it saw ${drops()}`);
    }
  },
);

// Time is the behaviour: "keeps connected" can only be seen over a stated period.
Then(
  '{broker} and {broker} report their bridges to {broker} as connected throughout {int} seconds',
  async function (this: LabWorld, first: string, second: string, remote: string, seconds: number) {
    const links = [bridgeLink(this, first, remote), bridgeLink(this, second, remote)];
    const watchers = await Promise.all(links.map((link) => stateWatcher(this, link.local)));
    // Only drops from now on: a fresh broker may have published 0 before its bridge first connected.
    const from = watchers.map((w) => w.inbox.length);
    const dropped = () => links.find((link, i) => watchers[i].inbox.slice(from[i]).some((m) => isStateOf(link, m.topic) && m.text === '0'));
    const until = Date.now() + seconds * 1000;
    await letTimePassUntil(until);
    const link = dropped();
    if (link) throw new Error(`The ${link.local} broker reported its bridge to the ${remote} broker as down (state 0) within ${seconds} s`);
  },
);
