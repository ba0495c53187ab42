// What `npm run compose` and `npm run compose:check` both need to run Docker Compose on a lab:
// which compose command this machine has, and the image variables every compose file reads.
//
// The convention for images: a compose file names each catalogue image (support/images/catalogue.ts)
// as ${<NAME>_IMAGE:?...}, the catalogue name upper-cased with dashes as underscores
// (mosquitto -> MOSQUITTO_IMAGE, nginx -> NGINX_IMAGE, node-service -> NODE_SERVICE_IMAGE).
// A compose file cannot compute the project's image tags itself (they are hashes of the image
// folders), so the wrapper sets every one of them; a learner without the wrapper sets them by hand.
import { spawnSync } from 'node:child_process';
import { assertDockerAndImageReady, imageOf } from '../support/docker/preflight';
import { CATALOGUE } from '../support/images/catalogue';
import { composePlanOf } from './compose-check-plan';
import { composeFileOf } from './lab-folders';

/** The compose command: the program and the words before Compose's own arguments. */
export interface ComposeCommand {
  program: string;
  prefix: string[];
  /** How it is written in messages: `docker compose` or `docker-compose`. */
  name: string;
}

/** `docker compose` (the v2 plugin) if it is there, else `docker-compose` (v1, Debian's package). */
export function composeCommand(): ComposeCommand | undefined {
  if (spawnSync('docker', ['compose', 'version'], { stdio: 'ignore' }).status === 0) return { program: 'docker', prefix: ['compose'], name: 'docker compose' };
  if (spawnSync('docker-compose', ['version'], { stdio: 'ignore' }).status === 0) return { program: 'docker-compose', prefix: [], name: 'docker-compose' };
  return undefined;
}

/** "node-service" -> "NODE_SERVICE_IMAGE": the variable a compose file reads the image from. */
export function imageVariableOf(catalogueName: string): string {
  return `${catalogueName.toUpperCase().replace(/-/g, '_')}_IMAGE`;
}

/** "NODE_SERVICE_IMAGE" -> "node-service"; undefined for a variable of no catalogue image. */
export function catalogueNameOf(variable: string): string | undefined {
  return CATALOGUE.find((entry) => imageVariableOf(entry.name) === variable)?.name;
}

/**
 * Every catalogue image's variable and tag. The broker image honours a MOSQUITTO_IMAGE already
 * set (the same image the scenarios would run); the others are always the catalogue's tag.
 */
export function imageVariables(): Record<string, string> {
  return Object.fromEntries(CATALOGUE.map((entry) => [imageVariableOf(entry.name), imageOf(entry.name)]));
}

/**
 * Every catalogue image the lab's docker-compose.yml names, on this machine: one that is missing
 * (never built, or its folder changed) is built now, as `npm test` does. Otherwise Compose would
 * try to pull the tag from a registry, which has no mqtt-labs images.
 */
export function ensureImagesOf(lab: string): void {
  const variables = imageVariables();
  const used = new Set(composePlanOf(composeFileOf(lab), Object.keys(variables)).services.map((s) => s.imageVariable));
  for (const variable of Object.keys(variables).filter((v) => used.has(v))) assertDockerAndImageReady(variables[variable]);
}
