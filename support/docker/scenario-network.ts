/**
 * A Docker network per scenario, for labs with several brokers (bridges, HAProxy): brokers on
 * it reach each other by alias ("hub", "leaf"), exactly as services of a compose file do, and
 * nothing leaks between scenarios. It carries the project's labels like every container.
 */
import { randomBytes } from 'node:crypto';
import { dockerApi } from './docker-api';
import { projectLabels, RUN_ID } from './labels';

export interface ScenarioNetwork {
  readonly name: string;
  remove(): Promise<void>;
}

export async function startScenarioNetwork(): Promise<ScenarioNetwork> {
  const docker = await dockerApi();
  const name = `mqtt-labs-${RUN_ID}-${randomBytes(3).toString('hex')}`;
  const network = await docker.createNetwork({ Name: name, Driver: 'bridge', CheckDuplicate: true, Labels: projectLabels() });
  return { name, remove: () => network.remove().then(() => undefined) };
}
