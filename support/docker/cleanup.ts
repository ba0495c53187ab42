/**
 * Finds and removes the Docker containers and networks this project started, and only those:
 * everything we create carries the label org.mqtt-labs.project, plus the run id, the process
 * id and the host name of the run that created it (support/docker/labels.ts). Used by the hooks
 * (a worker's own leftovers, also on Ctrl-C), the runner (the run's, however it ends; earlier
 * runs' whose process is gone) and `npm run clean`.
 *
 * Synchronous on purpose, through the docker command line: a signal handler must finish the
 * clean-up before the process can end, and an async call would be cut short.
 */
import { execFile, execFileSync } from 'node:child_process';
import { hostname } from 'node:os';
import { promisify } from 'node:util';
import { HOST_LABEL, PID_LABEL, PROJECT_LABEL, RUN_LABEL, WORKER_LABEL } from './labels';

export type Kind = 'container' | 'network';

/** One container or network of ours, with the labels that say which run made it. */
interface Ours {
  id: string;
  run: string;
  pid: number;
  host: string;
  worker: string;
}

/** What a removal did: what Docker really removed, and what it could not remove, with why. */
export interface Removed {
  containers: number;
  networks: number;
  notRemoved: string[];
}

const DOCKER_OPTIONS = { encoding: 'utf8', timeout: 60_000 } as const;

/** The docker command line, waited for: a signal handler can use it. Throws when Docker fails. */
function docker(args: string[]): string {
  return execFileSync('docker', args, { ...DOCKER_OPTIONS, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The same, while the process does other work. */
async function dockerSoon(args: string[]): Promise<string> {
  return (await promisify(execFile)('docker', args, DOCKER_OPTIONS)).stdout;
}

function listCommand(kind: Kind): string[] {
  const format = [RUN_LABEL, PID_LABEL, HOST_LABEL, WORKER_LABEL].map((label) => `{{.Label "${label}"}}`).join('\t');
  const list = kind === 'container' ? ['container', 'ls', '-a'] : ['network', 'ls'];
  return [...list, '--filter', `label=${PROJECT_LABEL}`, '--format', `{{.ID}}\t${format}`];
}

function parseList(out: string): Ours[] {
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id, run, pid, host, worker] = line.split('\t');
      return { id, run, pid: Number(pid), host, worker };
    });
}

/** Whether a process of this machine still runs (EPERM: it does, under another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A removal Docker refused, unless the thing was already gone (removed a moment earlier). */
const alreadyGone = (line: string) => /No such (container|network)|not found/i.test(line);

function removeCommand(kind: Kind, items: Ours[]): string[] {
  const args = kind === 'container' ? ['container', 'rm', '-f', '-v'] : ['network', 'rm'];
  return [...args, ...items.map((item) => item.id)];
}

type Outcome = { removed: number; notRemoved: string[] };

/**
 * What a removal did. Docker prints each item it removed on stdout and each it could not on
 * stderr (and then exits non-zero), so both are read from its answer.
 */
export function outcome(kind: Kind, answer: { stdout?: string; stderr?: string; message?: string }): Outcome {
  const stdout = String(answer.stdout ?? '');
  const stderr = String(answer.stderr ?? answer.message ?? '');
  const removed = stdout.split('\n').filter((line) => line.trim()).length;
  const notRemoved = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !alreadyGone(line))
    .map((line) => `${kind}: ${line.replace(/^Error( response from daemon)?:\s*/, '')}`);
  return { removed, notRemoved };
}

function remove(kind: Kind, items: Ours[]): Outcome {
  if (items.length === 0) return { removed: 0, notRemoved: [] };
  try {
    return outcome(kind, { stdout: docker(removeCommand(kind, items)) });
  } catch (error) {
    return outcome(kind, error as Error);
  }
}

async function removeSoon(kind: Kind, items: Ours[]): Promise<Outcome> {
  if (items.length === 0) return { removed: 0, notRemoved: [] };
  return dockerSoon(removeCommand(kind, items)).then((stdout) => outcome(kind, { stdout }), (error: Error) => outcome(kind, error));
}

const summed = (containers: Outcome, networks: Outcome): Removed => ({
  containers: containers.removed,
  networks: networks.removed,
  notRemoved: [...containers.notRemoved, ...networks.notRemoved],
});

/** Removes what `select` picks: containers first, since a network in use cannot be removed. */
function removeWhere(select: (item: Ours) => boolean): Removed {
  const containers = remove('container', parseList(docker(listCommand('container'))).filter(select));
  const networks = remove('network', parseList(docker(listCommand('network'))).filter(select));
  return summed(containers, networks);
}

/** The same, while the process does other work (the runner, while cucumber loads). */
async function removeWhereSoon(select: (item: Ours) => boolean): Promise<Removed> {
  const containers = await removeSoon('container', parseList(await dockerSoon(listCommand('container'))).filter(select));
  const networks = await removeSoon('network', parseList(await dockerSoon(listCommand('network'))).filter(select));
  return summed(containers, networks);
}

/** Everything one run created. */
export function removeRun(runId: string): Removed {
  return removeWhere((item) => item.run === runId);
}

/** Everything one process of a run created: a cucumber worker removes only its own. */
export function removeWorker(runId: string, workerPid: number): Removed {
  return removeWhere((item) => item.run === runId && item.worker === String(workerPid));
}

/** Leftovers of runs on this machine whose process is gone (killed, crashed, power cut). */
const abandoned = (item: Ours) => item.host === hostname() && !isAlive(item.pid);

export function removeAbandoned(): Removed {
  return removeWhere(abandoned);
}

/** The same, without waiting: the runner starts it before cucumber loads, and awaits it after. */
export function removeAbandonedSoon(): Promise<Removed> {
  return removeWhereSoon(abandoned);
}

/** Every container and network of this project, whoever started it. */
export function removeAll(): Removed {
  return removeWhere(() => true);
}

/** One line for people: what was removed, and what could not be. */
export function describeRemoval(removed: Removed, what: string): string {
  let text = `Removed ${removed.containers} container(s) and ${removed.networks} network(s) ${what}.`;
  if (removed.notRemoved.length) text += `\nDocker could not remove:\n  ${removed.notRemoved.join('\n  ')}`;
  return text;
}
