/**
 * `npm run setup`: prepares a machine to run the labs, with Node and nothing else (no bash, no
 * GNU tools), on Linux, macOS and Windows alike.
 *
 *   1. Node.js and the npm packages: scripts/install-packages.js, run first by the npm script
 *      because this file needs those packages (TypeScript, ts-node) to run at all.
 *   2. A running Docker engine (every lab starts real Mosquitto brokers in containers).
 *   3. Every image of the catalogue (support/images/catalogue.ts), the broker image first.
 *   4. Chrome or Chromium for the browser scenarios (lab 11).
 *   5. A Docker Compose command for the labs' docker-compose.yml files (npm run compose).
 *
 * It is safe to run again: every step first checks whether its work is done, so a second run
 * takes under a second. Long commands write to log files (in the system's temporary folder,
 * mqtt-labs-setup/) whose last lines are shown only when they fail.
 *
 * Environment:
 *   MOSQUITTO_IMAGE          use this broker image instead of building one (must exist locally
 *                            or be pullable)
 *   MQTT_LABS_DEBIAN_MIRROR  Debian mirror for debootstrap (default: this machine's apt sources)
 *   MQTT_LABS_CHROMIUM       Chrome/Chromium executable for the browser scenarios
 */
import { ensureBrowser } from './setup/browser';
import { ensureComposeCommand } from './setup/docker-compose';
import { ensureDockerEngine } from './setup/docker-engine';
import { ensureCatalogueImages } from './setup/images';
import { failed, step } from './setup/output';

async function main(): Promise<void> {
  await ensureDockerEngine();
  const brokerImage = await ensureCatalogueImages();
  await ensureBrowser();
  await ensureComposeCommand();
  // process.uptime(): this process's whole life, loading TypeScript included.
  step(`Ready in ${process.uptime().toFixed(1)} s: broker image ${brokerImage}`);
}

main().catch(failed);
