/**
 * Life cycle of the browser scenarios (tag @browser): the worker's Chromium starts with the
 * first such scenario, each scenario gets fresh tabs, and every tab's screenshot goes into the
 * report (the browser console too when the scenario fails: support/world/hooks.ts attaches it,
 * and the World's teardown closes the tabs in its 'pages' phase).
 */
import { AfterAll, AfterStep, Before, Status } from '@cucumber/cucumber';
import { closeSharedBrowser, sharedBrowser } from './browser';
import { LabWorld } from '../world/world';
import { attachScreenshots } from './page-evidence';

let launchReported = false;

Before({ tags: '@browser' }, async function (this: LabWorld) {
  const { version, executable, launchMs } = await sharedBrowser();
  if (!launchReported) {
    launchReported = true;
    this.log(`Chromium ${version} (${executable}) launched in ${launchMs} ms`);
  }
});

// The picture is taken when the scenario's last step ends, or the step that failed: the moment
// the report is about, before the After hooks remove the broker under the page.
AfterStep({ tags: '@browser' }, async function (this: LabWorld, { pickle, pickleStep, result }) {
  const last = pickle.steps[pickle.steps.length - 1]?.id === pickleStep.id;
  if (last || result.status === Status.FAILED) await attachScreenshots(this);
});

AfterAll(async function () {
  await closeSharedBrowser();
});
