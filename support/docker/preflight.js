// Checks made before any scenario runs, so that a machine that is not ready fails at once with
// the command that fixes it, not with a timeout inside the first scenario. Plain JavaScript:
// the test runner (scripts/run-labs.js) uses it before cucumber starts, and the support code
// (support/world/hooks.ts) again when cucumber is started by hand.
'use strict';
const { execFileSync } = require('node:child_process');
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');
const RECORDED_IMAGE = join(ROOT, 'brokers', 'image', '.image');

class SetupError extends Error {}

/**
 * Which Docker image runs the brokers. `npm run setup` builds it and writes its name to
 * brokers/image/.image; MOSQUITTO_IMAGE overrides it (for example `eclipse-mosquitto:2.0.22`
 * on a machine that can pull from a registry).
 */
function brokerImage() {
  const fromEnv = (process.env.MOSQUITTO_IMAGE || '').trim();
  if (fromEnv) return fromEnv;
  if (!existsSync(RECORDED_IMAGE)) {
    throw new SetupError('No broker image has been built yet (brokers/image/.image is missing). Run `npm run setup` first.');
  }
  return readFileSync(RECORDED_IMAGE, 'utf8').trim();
}

/** Throws a SetupError that says what to do when Docker or the broker image is not there. */
function assertDockerAndImageReady(image = brokerImage()) {
  try {
    execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'pipe', timeout: 15_000 });
  } catch {
    throw new SetupError('Docker is not reachable (`docker info` failed). Run `npm run setup` (it starts Docker on Debian/Ubuntu), or start Docker Desktop.');
  }
  try {
    execFileSync('docker', ['image', 'inspect', image], { stdio: 'pipe', timeout: 15_000 });
  } catch {
    const pull = process.env.MOSQUITTO_IMAGE ? ', or pull it' : '';
    throw new SetupError(`The broker image "${image}" is not on this machine. Run \`npm run setup\` to build it${pull}.`);
  }
}

module.exports = { SetupError, brokerImage, assertDockerAndImageReady };
