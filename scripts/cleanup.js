// Finds and removes the Docker containers and networks this project started, and only those:
// everything we create carries the label org.mqtt-labs.project, plus the run id, the process
// id and the host name of the run that created it. Used by the test runner (after every run,
// also after Ctrl-C or a crash) and by `npm run clean`.
'use strict';
const { execFileSync } = require('node:child_process');
const { hostname } = require('node:os');
const { PROJECT_LABEL, RUN_LABEL, WORKER_LABEL, PID_LABEL, HOST_LABEL } = require('../support/docker/labels');

function docker(args) {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 }).trim();
}

/** Our containers or networks, each with the labels that say which run made it. */
function listOurs(kind) {
  const format = `{{.ID}}\t{{.Label "${RUN_LABEL}"}}\t{{.Label "${PID_LABEL}"}}\t{{.Label "${HOST_LABEL}"}}\t{{.Label "${WORKER_LABEL}"}}`;
  const listCommand = kind === 'container' ? ['container', 'ls', '-a'] : ['network', 'ls'];
  const out = docker([...listCommand, '--filter', `label=${PROJECT_LABEL}`, '--format', format]);
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id, run, pid, host, worker] = line.split('\t');
      return { id, run, pid: Number(pid), host, worker };
    });
}

/** Whether a process of this machine still runs (EPERM: it does, under another user). */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function remove(kind, items) {
  if (items.length === 0) return 0;
  const ids = items.map((i) => i.id);
  try {
    docker(kind === 'container' ? ['container', 'rm', '-f', '-v', ...ids] : ['network', 'rm', ...ids]);
  } catch {
    // Already gone (removed by the scenario's own clean-up a moment earlier): nothing to do.
  }
  return ids.length;
}

/** Removes what `select` picks: containers first, since a network in use cannot be removed. */
function removeWhere(select) {
  const containers = remove('container', listOurs('container').filter(select));
  const networks = remove('network', listOurs('network').filter(select));
  return { containers, networks };
}

/** Everything one run created. */
function removeRun(runId) {
  return removeWhere((item) => item.run === runId);
}

/** Everything one process of a run created: a cucumber worker removes only its own. */
function removeWorker(runId, workerPid) {
  return removeWhere((item) => item.run === runId && item.worker === String(workerPid));
}

/** Leftovers of runs on this machine whose process is gone (killed, crashed, power cut). */
function removeAbandoned() {
  const here = hostname();
  return removeWhere((item) => item.host === here && !isAlive(item.pid));
}

/** Every container and network of this project, whoever started it. */
function removeAll() {
  return removeWhere(() => true);
}

module.exports = { removeRun, removeWorker, removeAbandoned, removeAll, isAlive };

if (require.main === module) {
  const all = process.argv.includes('--all');
  try {
    const removed = all ? removeAll() : removeAbandoned();
    console.log(`Removed ${removed.containers} container(s) and ${removed.networks} network(s) of mqtt-labs${all ? '' : ' left behind by finished runs'}.`);
  } catch (error) {
    console.error(`Could not clean up: ${error.message.split('\n')[0]}. Is Docker running?`);
    process.exit(1);
  }
}
