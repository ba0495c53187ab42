/**
 * Steps about a bridge's health as Mosquitto reports it on `$SYS/broker/connection/<remote
 * client id>/state`, and about how fast a bridge notices a fault and recovers from it. Where
 * time is the behaviour, the bound is in the step text and the measured time goes to the report.
 */
import { Then } from '@cucumber/cucumber';
import { bridgeLink, waitForBridgeState, waitForBridgeUp } from '../support/bridges';
import { lastFaultOf } from '../support/faults';
import { PROMPTLY_MS } from '../support/waiting';
import { LabWorld } from '../support/world';

Then('{broker} reports its bridge to {broker} as connected', async function (this: LabWorld, local: string, remote: string) {
  await waitForBridgeState(this, bridgeLink(this, local, remote), '1', PROMPTLY_MS);
});

Then('{broker} reports the bridge from {broker} as connected', async function (this: LabWorld, remote: string, local: string) {
  // On the remote end the state topic is the bridge's own publication, and its will.
  const link = bridgeLink(this, local, remote);
  await waitForBridgeState(this, { ...link, local: remote, remote: local }, '1', PROMPTLY_MS);
});

Then('{broker} reports its bridge to {broker} as down within {int} second(s)', async function (this: LabWorld, local: string, remote: string, seconds: number) {
  const fault = lastFaultOf(this, remote, ['killed', 'stopped', 'paused']);
  const seenAt = await waitForBridgeState(this, bridgeLink(this, local, remote), '0', Math.max(1, fault.at + seconds * 1000 - Date.now()));
  this.log(`measured: the ${remote} broker ${fault.fault} -> bridge state 0 on the ${local} broker after ${seenAt - fault.at} ms`);
});

Then(
  'messages flow from {broker} to {broker} again within {int} seconds of its return',
  async function (this: LabWorld, local: string, remote: string, seconds: number) {
    const back = lastFaultOf(this, [local, remote], ['started again', 'unpaused']);
    const link = bridgeLink(this, local, remote);
    await waitForBridgeUp(this, link, Math.max(1, back.at + seconds * 1000 - Date.now()));
    this.log(`measured: the ${back.broker} broker back -> bridge state 1 and a probe across after ${Date.now() - back.at} ms`);
  },
);

Then('{broker} learns within {int} second(s) that the bridge from {broker} is gone', async function (this: LabWorld, remote: string, seconds: number, local: string) {
  // The bridge set a will on its connection to the remote broker: state 0, retained.
  const fault = lastFaultOf(this, local, ['killed', 'stopped', 'paused']);
  const link = bridgeLink(this, local, remote);
  const seenAt = await waitForBridgeState(this, { ...link, local: remote, remote: local }, '0', Math.max(1, fault.at + seconds * 1000 - Date.now()));
  this.log(`measured: the ${local} broker ${fault.fault} -> its bridge's will (state 0) on the ${remote} broker after ${seenAt - fault.at} ms`);
});
