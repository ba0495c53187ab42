/**
 * Chrome or Chromium for the browser scenarios (lab 11), driven by playwright-core, which
 * downloads no browser of its own. On Debian/Ubuntu as root set-up installs Debian's `chromium`;
 * elsewhere it finds an installed one at the places the scenarios look (support/clients/chromium.ts).
 * Without one, only the browser scenarios fail: set-up says so and goes on.
 */
import { CHROMIUM_ENV, findChromium } from '../../support/clients/chromium';
import { aptInstall, isLinuxRootWithApt } from '../../support/images/commands';
import { info, step } from './output';

function installedBrowser(): string | undefined {
  try {
    return findChromium();
  } catch {
    return undefined;
  }
}

export async function ensureBrowser(): Promise<void> {
  let browser = installedBrowser();
  if (!browser && !process.env[CHROMIUM_ENV] && isLinuxRootWithApt()) {
    step('Installing Chromium for the browser scenarios (apt: chromium)');
    await aptInstall('chromium');
    browser = installedBrowser();
  }
  if (browser) {
    step(`Browser for lab 11: ${browser}`);
  } else {
    step('No Chrome or Chromium found: the browser scenarios of lab 11 will fail');
    info(`install Google Chrome or Chromium, or set ${CHROMIUM_ENV} to its executable`);
  }
}
