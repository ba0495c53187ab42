/**
 * Every container and network this project starts carries these labels, so that clean-up
 * (scripts/cleanup.js) can find exactly ours, and by run id and process id exactly one run's,
 * and never touch anyone else's.
 */
import { hostname } from 'node:os';
import { HOST_LABEL, PID_LABEL, PROJECT_LABEL, RUN_LABEL } from '../scripts/cleanup';

/** One id per test run: the runner passes it down so it can clean up after a crash or Ctrl-C. */
export const RUN_ID = process.env.MQTT_LABS_RUN_ID ?? `run-${process.pid}-${Date.now().toString(36)}`;

export function projectLabels(): Record<string, string> {
  return {
    [PROJECT_LABEL]: 'mqtt-labs',
    [RUN_LABEL]: RUN_ID,
    [PID_LABEL]: String(process.env.MQTT_LABS_RUNNER_PID ?? process.pid),
    [HOST_LABEL]: hostname(),
  };
}
