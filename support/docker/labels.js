// The labels on every container and network this project starts. The test runner
// (scripts/run-labs.js), `npm run clean` (scripts/cleanup.js) and the support code that creates
// containers all read them from here, so "ours" means the same thing everywhere.
//
//   org.mqtt-labs.project  always "mqtt-labs": never touch a container without it
//   org.mqtt-labs.run      one test run (the runner gives every process of the run this id)
//   org.mqtt-labs.worker   the process that created it: with `--parallel`, one cucumber worker
//   org.mqtt-labs.pid      the runner's process id: when that process is gone, the run is over
//   org.mqtt-labs.host     the machine, so that a shared Docker engine's other hosts are left alone
'use strict';
const { hostname } = require('node:os');

const PROJECT_LABEL = 'org.mqtt-labs.project';
const RUN_LABEL = 'org.mqtt-labs.run';
const WORKER_LABEL = 'org.mqtt-labs.worker';
const PID_LABEL = 'org.mqtt-labs.pid';
const HOST_LABEL = 'org.mqtt-labs.host';

/** A new run id; the runner makes one and passes it down in MQTT_LABS_RUN_ID. */
function newRunId() {
  return `run-${process.pid}-${Date.now().toString(36)}`;
}

/** This process's run: the runner's id, or (cucumber started by hand) one of its own. */
const RUN_ID = process.env.MQTT_LABS_RUN_ID || newRunId();

/** The labels for something this process creates now. */
function projectLabels() {
  return {
    [PROJECT_LABEL]: 'mqtt-labs',
    [RUN_LABEL]: RUN_ID,
    [WORKER_LABEL]: String(process.pid),
    [PID_LABEL]: String(process.env.MQTT_LABS_RUNNER_PID || process.pid),
    [HOST_LABEL]: hostname(),
  };
}

module.exports = { PROJECT_LABEL, RUN_LABEL, WORKER_LABEL, PID_LABEL, HOST_LABEL, RUN_ID, newRunId, projectLabels };
