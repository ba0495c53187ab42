/**
 * Which Docker image runs the brokers. `npm run setup` builds it and writes its name to
 * brokers/image/.image; MOSQUITTO_IMAGE overrides it (for example `eclipse-mosquitto:2.0.22`
 * on a machine that can pull from a registry).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { PROJECT_ROOT } from './paths';

export class SetupError extends Error {}

export function brokerImage(): string {
  const fromEnv = process.env.MOSQUITTO_IMAGE?.trim();
  if (fromEnv) return fromEnv;
  const recorded = join(PROJECT_ROOT, 'brokers', 'image', '.image');
  if (!existsSync(recorded)) {
    throw new SetupError('No broker image is recorded (brokers/image/.image is missing). Run `npm run setup` first.');
  }
  return readFileSync(recorded, 'utf8').trim();
}

/** Fails fast, with the command that fixes it, when Docker or the image is not there. */
export function assertDockerAndImageReady(image: string): void {
  try {
    execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'pipe', timeout: 15_000 });
  } catch {
    throw new SetupError('Docker is not reachable (`docker info` failed). Start Docker, or run `npm run setup`, then try again.');
  }
  try {
    execFileSync('docker', ['image', 'inspect', image], { stdio: 'pipe', timeout: 15_000 });
  } catch {
    throw new SetupError(`The broker image "${image}" is not on this machine. Run \`npm run setup\` to build it.`);
  }
}
