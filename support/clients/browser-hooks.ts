/**
 * Life cycle of the browser scenarios (tag @browser): the worker's Chromium starts with the
 * first such scenario, each scenario gets fresh tabs, and every tab's screenshot goes into the
 * report (the browser console too when the scenario fails).
 */
import { After, AfterAll, AfterStep, Before, Status } from '@cucumber/cucumber';
import { closeSharedBrowser, sharedBrowser } from './browser';
import { LabWorld } from '../world/world';

let launchReported = false;
const screenshotsTaken = new WeakSet<LabWorld>();

Before({ tags: '@browser' }, async function (this: LabWorld) {
  const { version, executable, launchMs } = await sharedBrowser();
  if (!launchReported) {
    launchReported = true;
    this.log(`Chromium ${version} (${executable}) launched in ${launchMs} ms`);
  }
});

async function attachScreenshots(world: LabWorld): Promise<void> {
  if (screenshotsTaken.has(world)) return;
  screenshotsTaken.add(world);
  for (const page of world.pages.values()) {
    const png = await page.screenshot();
    if (png) world.attach(png, 'image/png');
  }
}

// The picture is taken when the scenario's last step ends, or the step that failed: the moment
// the report is about, before the After hooks remove the broker under the page.
AfterStep({ tags: '@browser' }, async function (this: LabWorld, { pickle, pickleStep, result }) {
  const last = pickle.steps[pickle.steps.length - 1]?.id === pickleStep.id;
  if (last || result.status === Status.FAILED) await attachScreenshots(this);
});

After({ tags: '@browser' }, async function (this: LabWorld, { result }) {
  await attachScreenshots(this);
  if (result?.status === Status.FAILED) {
    for (const page of this.pages.values()) {
      this.attach(page.console.join('\n') || '(nothing logged)', { mediaType: 'text/plain', fileName: `browser console of ${page.name}.txt` });
    }
  }
  await Promise.all([...this.pages.values()].map((page) => page.dispose()));
});

AfterAll(async function () {
  await closeSharedBrowser();
});
