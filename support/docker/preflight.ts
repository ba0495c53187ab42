/**
 * Checks made before any scenario runs, so that a machine that is not ready fails at once with
 * the command that fixes it, not with a timeout inside the first scenario. The runner makes them
 * once per run before cucumber starts; the hooks again when cucumber is started by hand. Each
 * costs one `docker` call or two: never call them per scenario.
 */
import { brokerVersions, CATALOGUE, entryVersion, imageTag } from '../images/catalogue';
import { ensureImageSync, writeImageRecord } from '../images/build';
import { outputOfSync } from '../images/commands';
import { SetupError } from '../images/setup-error';
import { runConfig } from '../run/run-config';

export { SetupError };

/** Set it to run the labs on another broker image, e.g. eclipse-mosquitto:2.0.22. */
export const IMAGE_ENV = 'MOSQUITTO_IMAGE';

/** The image the run was told to use instead (`--image`, or MOSQUITTO_IMAGE: run-config.ts). */
function imageFromEnv(): string | undefined {
  return runConfig().image;
}

/**
 * Which Docker image runs the brokers: MOSQUITTO_IMAGE when it is set, else the catalogue's
 * mosquitto image (its tag is computed from brokers/image/, no Docker call and no file written
 * by set-up needed).
 */
export function brokerImage(): string {
  return imageFromEnv() ?? imageTag('mosquitto');
}

/** The image a scenario runs for a catalogue name ("mosquitto" honours MOSQUITTO_IMAGE). */
export function imageOf(name: string): string {
  return name === 'mosquitto' ? brokerImage() : imageTag(name);
}

/**
 * Throws a SetupError that says what to do when Docker is not reachable or the image is missing.
 * A missing catalogue image (new, or its folder was edited since it was built) is built here
 * first, with progress; an image named by MOSQUITTO_IMAGE must be on the machine already.
 */
export function assertDockerAndImageReady(image: string = brokerImage()): void {
  const entry = CATALOGUE.find((e) => imageTag(e.name) === image);
  // One docker call when all is well (each costs a process start, 100-300 ms): an image Docker
  // can inspect means Docker is reachable too. Only when it cannot, ask which of the two failed.
  if (outputOfSync('docker', ['image', 'inspect', '--format', '{{.Id}}', image]) !== undefined) {
    if (entry) writeImageRecord(entry.name); // brokers/image/.image follows the files, for compose users
    return;
  }
  if (outputOfSync('docker', ['version', '--format', '{{.Server.Version}}']) === undefined) {
    throw new SetupError('Docker is not reachable (`docker version` failed). Run `npm run setup` (it starts Docker on Debian/Ubuntu), or start Docker Desktop.');
  }
  if (entry) {
    console.error(`The image ${image} is not on this machine yet (${entry.folder}/ changed, or it was never built): building it now.`);
    ensureImageSync(entry.name);
    return;
  }
  throw new SetupError(`The broker image "${image}" is not on this machine. Pull it (docker pull ${image}), or unset ${IMAGE_ENV} to use the project's own image (\`npm run setup\` builds it).`);
}

/**
 * The catalogue's broker image of a Mosquitto version (`--mosquitto 2.0.11`): built from
 * brokers/image/ on that version's Debian release when it is missing, like the default one.
 */
export function imageOfVersion(version: string): string {
  const found = brokerVersions().find((b) => b.version === version);
  if (!found) throw new SetupError(`There is no broker image of Mosquitto ${version} in the catalogue (support/images/catalogue.ts). Versions: ${brokerVersions().map((b) => b.version).join(', ')}.`);
  return imageTag(found.entry.name);
}

/**
 * The Mosquitto version an image runs, for the version tags: a catalogue image's own; else the
 * image's label (ours) or VERSION variable (the official eclipse-mosquitto image sets one); else
 * a x.y.z in its tag. Undefined when none says: then every version-tagged scenario runs.
 */
export function mosquittoVersionOf(image: string): string | undefined {
  const entry = CATALOGUE.find((e) => imageTag(e.name) === image);
  if (entry) return entryVersion(entry);
  const config = outputOfSync('docker', ['image', 'inspect', '--format', '{{json .Config}}', image]);
  const parsed = config ? (JSON.parse(config) as { Labels?: Record<string, string>; Env?: string[] }) : {};
  const fromEnv = parsed.Env?.find((e) => e.startsWith('VERSION='))?.slice('VERSION='.length);
  const version = parsed.Labels?.['org.mqtt-labs.mosquitto.version'] ?? fromEnv ?? /:(\d+\.\d+\.\d+)/.exec(image)?.[1];
  return version && /^\d+\.\d+\.\d+$/.test(version) ? version : undefined;
}

let versionRead: { version: string | undefined } | undefined;

/** The Mosquitto version of this run's brokers: the runner's word, else read off the image once. */
export function brokerVersion(): string | undefined {
  const told = runConfig().mosquittoVersion;
  if (told) return told;
  versionRead ??= { version: mosquittoVersionOf(brokerImage()) };
  return versionRead.version;
}
