/**
 * Every image of the catalogue (support/images/catalogue.ts), built where it is missing. A teacher
 * or CI may bring its own broker image with MOSQUITTO_IMAGE: then that one is used as it is.
 */
import { ensureImage, writeImageRecord } from '../../support/images/build';
import { CATALOGUE, type CatalogueEntry, imageTag } from '../../support/images/catalogue';
import { runLogged } from '../../support/images/commands';
import { imageExists } from '../../support/images/debian-base';
import { IMAGE_ENV } from '../../support/docker/preflight';
import { info, step } from './output';

/** Ensures every image; resolves to the broker image the labs will use. */
export async function ensureCatalogueImages(): Promise<string> {
  const override = process.env[IMAGE_ENV]?.trim();
  for (const entry of CATALOGUE) {
    if (entry.name === 'mosquitto' && override) await ensureOverride(override);
    else if (entry.version) onDemand(entry);
    else await ensureCatalogueImage(entry);
  }
  return override || imageTag('mosquitto');
}

/**
 * Another Mosquitto version of the broker image (Debian 12's 2.0.11) costs a base of its own and
 * a build, which only a learner who runs that version needs: the run that asks for it builds it.
 */
function onDemand(entry: CatalogueEntry): void {
  info(`${entry.title} ${imageTag(entry.name)}: built by \`npm test -- --mosquitto ${entry.version} ...\` when first needed`);
}

async function ensureCatalogueImage(entry: CatalogueEntry): Promise<void> {
  const tag = imageTag(entry.name);
  if (await imageExists(tag)) {
    step(`${entry.title} ${tag} is up to date`);
    writeImageRecord(entry.name);
    return;
  }
  step(`Building ${entry.title.toLowerCase()} ${tag}`);
  await ensureImage(entry.name, info);
}

async function ensureOverride(image: string): Promise<void> {
  if (await imageExists(image)) {
    step(`Broker image ${image} (from ${IMAGE_ENV}) is present`);
  } else {
    step(`Pulling broker image ${image} (from ${IMAGE_ENV})`);
    await runLogged('docker', ['pull', image], { log: 'pull', what: `docker pull ${image}` });
  }
  info(`${IMAGE_ENV} takes precedence over the catalogue's broker image while it is set`);
}
