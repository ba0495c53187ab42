// The docker CLI as `npm run broker` uses it around its brokers (the service layer starts them):
// is a container or network of that name ours, does it run, remove these by name. Synchronous on
// purpose: Ctrl-C's handler removes everything before the process ends.
import { execFileSync } from 'node:child_process';
import { HOST_LABEL, PID_LABEL, PROJECT_LABEL } from '../support/docker/labels';

export type DockerObject = 'container' | 'network';

export function docker(args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 }).trim();
}

export interface Existing {
  ours: boolean;
  pid: number;
  host: string | undefined;
}

/** Labels and pid of a container (or network) with that name, or undefined when there is none. */
export function existing(kind: DockerObject, name: string): Existing | undefined {
  try {
    const format = kind === 'network' ? '{{json .Labels}}' : '{{json .Config.Labels}}';
    const labels: Record<string, string> = JSON.parse(docker([kind, 'inspect', '--format', format, name]) || '{}') ?? {};
    return { ours: labels[PROJECT_LABEL] === 'mqtt-labs', pid: Number(labels[PID_LABEL]), host: labels[HOST_LABEL] };
  } catch {
    return undefined;
  }
}

/** Removes containers (with their volumes) or networks; those already gone are no error. */
export function removeQuietly(kind: DockerObject, names: string[]): void {
  if (!names.length) return;
  try {
    // One command for all: Docker removes every one it finds, and only then reports the others.
    docker(kind === 'network' ? ['network', 'rm', ...names] : ['container', 'rm', '-f', '-v', ...names]);
  } catch {
    // Some were already gone (removed with --stop from another terminal, or never created).
  }
}

/** Whether a container runs, and its last exit code; undefined when it is gone. */
export function stateOf(name: string): { running: boolean; code: number } | undefined {
  try {
    const [running, code] = docker(['container', 'inspect', '--format', '{{.State.Running}} {{.State.ExitCode}}', name]).split(' ');
    return { running: running === 'true', code: Number(code) };
  } catch {
    return undefined;
  }
}
