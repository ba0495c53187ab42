// The labels on every container and network this project starts. The test runner
// (scripts/run-labs.ts), `npm run clean` and the support code that creates containers all read
// them from here, so "ours" means the same thing everywhere (support/docker/cleanup.ts).
//
//   org.mqtt-labs.project  always "mqtt-labs": never touch a container without it
//   org.mqtt-labs.run      one test run (every process of the run shares its id)
//   org.mqtt-labs.worker   the process that created it: with `--parallel`, one cucumber worker
//   org.mqtt-labs.pid      the runner's process id: when that process is gone, the run is over
//   org.mqtt-labs.host     the machine, so that a shared Docker engine's other hosts are left alone
import { hostname } from 'node:os';
import { newRunId, runConfig } from '../run/run-config';

export const PROJECT_LABEL = 'org.mqtt-labs.project';
export const RUN_LABEL = 'org.mqtt-labs.run';
export const WORKER_LABEL = 'org.mqtt-labs.worker';
export const PID_LABEL = 'org.mqtt-labs.pid';
export const HOST_LABEL = 'org.mqtt-labs.host';

export { newRunId };

/** This process's run: the runner's id, or (cucumber started by hand) one of its own. */
export const RUN_ID = runConfig().runId;

/** The labels for something this process creates now. */
export function projectLabels(): Record<string, string> {
  return {
    [PROJECT_LABEL]: 'mqtt-labs',
    [RUN_LABEL]: runConfig().runId,
    [WORKER_LABEL]: String(process.pid),
    [PID_LABEL]: String(runConfig().runnerPid),
    [HOST_LABEL]: hostname(),
  };
}
