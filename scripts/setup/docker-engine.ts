/**
 * A running Docker engine. testcontainers talks to one: on a developer machine usually Docker
 * Desktop; on a bare Linux server or CI machine, set-up installs Debian's engine (docker.io) and
 * starts dockerd itself (no systemd needed). Elsewhere it says, per system, what to start.
 */
import { spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync } from 'node:fs';
import { aptInstall, commandExists, isLinuxRootWithApt, outputOf } from '../../support/images/commands';
import { SetupError } from '../../support/images/setup-error';
import { info, step } from './output';

const DOCKERD_LOG = '/var/log/mqtt-labs-dockerd.log';
const DOCKERD_PID = '/var/run/docker.pid';
const START_LIMIT_S = 30;

/** The engine's version, or undefined when none answers. */
const engineVersion = (): Promise<string | undefined> => outputOf('docker', ['version', '--format', '{{.Server.Version}}']);

export async function ensureDockerEngine(): Promise<void> {
  let version = await engineVersion();
  if (!version) {
    if (!isLinuxRootWithApt()) throw new SetupError(`no Docker engine is reachable (docker version fails).\n${startHint()}`);
    if (!commandExists('dockerd')) {
      // Only the engine package: a docker client may already be installed (for example in
      // /usr/local/bin), that is fine and stays first in PATH.
      step('Installing the Docker engine (apt: docker.io)');
      await aptInstall('docker.io');
    }
    step('Starting the Docker engine');
    version = await startDockerd();
  }
  step(`Docker engine ${version} is running`);
}

function startHint(): string {
  if (process.platform === 'darwin') return 'Start Docker Desktop (or another engine such as colima), then run: npm run setup';
  if (process.platform === 'win32') return 'Start Docker Desktop (WSL 2 backend), then run: npm run setup';
  if (process.platform !== 'linux') return 'Install and start a Docker engine, then run: npm run setup';
  if (!commandExists('docker')) return 'Install Docker (ask an administrator if you have no root access), then run: npm run setup';
  return 'Start the Docker engine (for example: sudo systemctl start docker), make sure your user may use it (group docker), then run: npm run setup';
}

/** Starts dockerd in the background, detached so it outlives set-up, and waits until it answers. */
async function startDockerd(): Promise<string> {
  const starting = startingDockerd();
  if (starting) {
    info(`dockerd is already starting (pid ${starting}), waiting for it`);
  } else {
    info(`starting dockerd in the background (log: ${DOCKERD_LOG})`);
    const log = openSync(DOCKERD_LOG, 'a');
    spawn('dockerd', [], { detached: true, stdio: ['ignore', log, log] }).unref();
  }
  for (let second = 0; second < START_LIMIT_S; second++) {
    const version = await engineVersion();
    if (version) return version;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  const tail = existsSync(DOCKERD_LOG) ? readFileSync(DOCKERD_LOG, 'utf8').trimEnd().split('\n').slice(-20).join('\n') : '';
  throw new SetupError(`the Docker engine did not answer within ${START_LIMIT_S} s. See ${DOCKERD_LOG}\n--- last lines of ${DOCKERD_LOG} ---\n${tail}`);
}

/** The pid of a dockerd that is starting already (its pid file names a live process). */
function startingDockerd(): number | undefined {
  try {
    const pid = Number(readFileSync(DOCKERD_PID, 'utf8').trim());
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}
