/**
 * The lab 11 page as the broker serves it: labs/lab11/index.html and dashboard.js, plus the
 * MQTT.js browser bundle from the installed `mqtt` package (never a CDN), copied into the
 * broker's `http_dir` (brokers/lab11/websockets.conf names /mosquitto/config/www).
 * Read from disk when a scenario starts its broker, like the broker files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserDashboard } from './browser';
import { endpointOf } from '../services/endpoints';
import { GeneratedFile } from '../brokers/lab-files';
import { PROJECT_ROOT } from '../world/paths';
import { WEBSOCKETS_PORT } from './websockets';
import type { LabWorld } from '../world/world';

/** The folder below /mosquitto/config that the lab's `http_dir` serves. */
export const WEB_DIR = 'www';
export const PAGE_PATH = '/index.html';

export function dashboardPageFiles(): GeneratedFile[] {
  const page = join(PROJECT_ROOT, 'labs', 'lab11');
  const sources: Record<string, string> = {
    'index.html': join(page, 'index.html'),
    'dashboard.js': join(page, 'dashboard.js'),
    // The package maps "mqtt/dist/*" to dist/*.js: this is node_modules/mqtt/dist/mqtt.min.js.
    'mqtt.min.js': require.resolve('mqtt/dist/mqtt.min'),
  };
  // 0644: a web page is public; Mosquitto serves it as the user mosquitto.
  return Object.entries(sources).map(([name, source]) => ({ path: `${WEB_DIR}/${name}`, content: readFileSync(source), mode: 0o644 }));
}

/**
 * Opens the page from the broker's WebSockets port (the page then connects back to it). The
 * tab is the scenario's before it loads, so a page that fails still gets its screenshot.
 */
export async function openDashboard(world: LabWorld, name: string, filter: string, port = WEBSOCKETS_PORT, scheme = 'http', launchArgs: string[] = []): Promise<void> {
  if (world.pages.has(name)) throw new Error(`${name} already has the page open`);
  const page = await BrowserDashboard.create(name, launchArgs);
  world.pages.set(name, page);
  const cutBy = await page.load(endpointOf(world.broker(), scheme, port).url + PAGE_PATH, filter);
  // Kept in the report, so a run shows how often Chromium cut a load (see BrowserDashboard.load).
  if (cutBy.length > 0) world.log(`${name}'s page loaded on try ${cutBy.length + 1}; the tries before were cut by ${cutBy.join(', ')}`);
}
