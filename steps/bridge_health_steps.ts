/**
 * Steps about a bridge's health as Mosquitto reports it on `$SYS/broker/connection/<remote
 * client id>/state`, and about how fast a bridge notices a fault and recovers from it. Where
 * time is the behaviour, the bound is in the step text and the measured time goes to the report.
 */
import { Then } from '@cucumber/cucumber';
import { BridgeLink, bridgeLink, isStateOf, stateWatcher, waitForBridgeState, waitForBridgeUp } from '../support/mqtt/bridges';
import { expectNoSoonerThan, letTimePassUntil } from '../support/sync/protocol-clock';
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

/**
 * Waits for the state 0 that a fault of the `faulted` broker causes, as `link` reports it, up to
 * `seconds` after the fault; logs and returns the ms it took.
 */
async function stateZeroAfterFault(world: LabWorld, faulted: string, link: BridgeLink, seconds: number, seenAs: string): Promise<number> {
  const fault = lastFaultOf(world, faulted, LOSSES);
  const seenAt = await waitForBridgeState(world, link, '0', Math.max(1, fault.at + seconds * 1000 - Date.now()));
  world.log(`measured: the ${faulted} broker ${fault.fault} -> ${seenAs} after ${seenAt - fault.at} ms`);
  return seenAt - fault.at;
}

/** The local bridge's own state topic goes to 0 after the remote's fault. */
function bridgeDownAfterFault(world: LabWorld, local: string, remote: string, seconds: number): Promise<number> {
  return stateZeroAfterFault(world, remote, bridgeLink(world, local, remote), seconds, `bridge state 0 on the ${local} broker`);
}

Then('{broker} reports its bridge to {broker} as down within {int} second(s)', async function (this: LabWorld, local: string, remote: string, seconds: number) {
  await bridgeDownAfterFault(this, local, remote, seconds);
});

// Time is the lesson (keepalive): bounded on both sides, so a drop at once for another reason fails.
Then(
  '{broker} reports its bridge to {broker} as down after {float} to {float} seconds',
  async function (this: LabWorld, local: string, remote: string, earliest: number, latest: number) {
    const tookMs = await bridgeDownAfterFault(this, local, remote, latest);
    expectNoSoonerThan(`The ${local} broker reported its bridge to the ${remote} broker as down`, tookMs, earliest, latest);
  },
);

/** Waits until the bridge carries messages again, up to `seconds` after the return; returns the ms it took. */
async function flowingAgainAfterReturn(world: LabWorld, local: string, remote: string, seconds: number): Promise<number> {
  const back = lastFaultOf(world, [local, remote], RETURNS);
  const link = bridgeLink(world, local, remote);
  await waitForBridgeUp(world, link, Math.max(1, back.at + seconds * 1000 - Date.now()));
  const what = back.fault === 'reconnected' ? `the network between the ${local} and the ${remote} broker restored` : `the ${back.broker} broker back`;
  world.log(`measured: ${what} -> bridge state 1 and a probe across after ${Date.now() - back.at} ms`);
  return Date.now() - back.at;
}

Then(
  'messages flow from {broker} to {broker} again within {int} seconds of its return',
  async function (this: LabWorld, local: string, remote: string, seconds: number) {
    await flowingAgainAfterReturn(this, local, remote, seconds);
  },
);

// Time is the lesson (round_robin false returns to the primary): bounded on both sides.
Then(
  'messages flow from {broker} to {broker} again {float} to {float} seconds after its return',
  async function (this: LabWorld, local: string, remote: string, earliest: number, latest: number) {
    const tookMs = await flowingAgainAfterReturn(this, local, remote, latest);
    expectNoSoonerThan(`The bridge from the ${local} broker carried messages to the ${remote} broker again`, tookMs, earliest, latest);
  },
);

/** The bridge's will (state 0, retained: set on its connection to the remote) shows on the remote after the local broker's fault. */
function willSeenAfterFault(world: LabWorld, remote: string, local: string, seconds: number): Promise<number> {
  const link = bridgeLink(world, local, remote);
  return stateZeroAfterFault(world, local, { ...link, local: remote, remote: local }, seconds, `its bridge's will (state 0) on the ${remote} broker`);
}

Then('{broker} learns within {int} second(s) that the bridge from {broker} is gone', async function (this: LabWorld, remote: string, seconds: number, local: string) {
  await willSeenAfterFault(this, remote, local, seconds);
});

// Time is the lesson (1.5 x the bridge's keepalive): bounded on both sides.
Then(
  '{broker} learns after {float} to {float} seconds that the bridge from {broker} is gone',
  async function (this: LabWorld, remote: string, earliest: number, latest: number, local: string) {
    const tookMs = await willSeenAfterFault(this, remote, local, latest);
    expectNoSoonerThan(`The ${remote} broker published the will of the bridge from the ${local} broker`, tookMs, earliest, latest);
  },
);

/** Waits until the bridge of `local` is up on `remote`, up to `seconds` after `down` went down; returns the ms it took. */
async function failedOverAfter(world: LabWorld, local: string, remote: string, seconds: number, down: string): Promise<number> {
  const fault = lastFaultOf(world, down, LOSSES);
  await waitForBridgeUp(world, bridgeLink(world, local, remote), Math.max(1, fault.at + seconds * 1000 - Date.now()));
  world.log(`measured: the ${down} broker ${fault.fault} -> bridge from ${local} on the ${remote} broker, probe across, after ${Date.now() - fault.at} ms`);
  return Date.now() - fault.at;
}

Then(
  'messages flow from {broker} to {broker} within {int} seconds of {broker} going down',
  async function (this: LabWorld, local: string, remote: string, seconds: number, down: string) {
    await failedOverAfter(this, local, remote, seconds, down);
  },
);

// Time is the lesson (failover after restart_timeout): bounded on both sides.
Then(
  'messages flow from {broker} to {broker} {float} to {float} seconds after {broker} goes down',
  async function (this: LabWorld, local: string, remote: string, earliest: number, latest: number, down: string) {
    const tookMs = await failedOverAfter(this, local, remote, latest, down);
    expectNoSoonerThan(`The bridge from the ${local} broker carried messages to the ${remote} broker`, tookMs, earliest, latest);
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
