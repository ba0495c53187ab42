/**
 * Which Chrome or Chromium the browser scenarios drive. playwright-core brings no browser of
 * its own (and nothing here downloads one): it drives a browser installed on the machine.
 * `npm run setup` installs Debian's `chromium` on Debian/Ubuntu as root; elsewhere an
 * installed Chrome or Chromium is found at its usual place, or named with `npm test -- --chromium
 * PATH` (or MQTT_LABS_CHROMIUM).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runConfig } from '../run/run-config';

export const CHROMIUM_ENV = 'MQTT_LABS_CHROMIUM';

export class NoBrowserError extends Error {}

function wellKnownPaths(): string[] {
  const local = process.env.LOCALAPPDATA ?? '';
  const programFiles = [process.env.PROGRAMFILES, process.env['PROGRAMFILES(X86)']].filter((p): p is string => !!p);
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ...programFiles.map((p) => join(p, 'Google', 'Chrome', 'Application', 'chrome.exe')),
    ...(local ? [join(local, 'Google', 'Chrome', 'Application', 'chrome.exe'), join(local, 'Chromium', 'Application', 'chrome.exe')] : []),
  ];
}

/** The browser's executable, or an error that says how to get one. */
export function findChromium(): string {
  const named = runConfig().chromium;
  if (named) {
    if (!existsSync(named)) throw new NoBrowserError(`The browser named with --chromium (or ${CHROMIUM_ENV}) is ${named}, but there is no such file.`);
    return named;
  }
  const found = wellKnownPaths().find((path) => existsSync(path));
  if (found) return found;
  throw new NoBrowserError(
    'The browser scenarios need Chrome or Chromium, and none was found. ' +
      'On Debian/Ubuntu run `npm run setup` as root (it installs the `chromium` package); ' +
      `elsewhere install Google Chrome or Chromium, or name its executable with \`npm test -- --chromium PATH\` (or ${CHROMIUM_ENV}).`,
  );
}
