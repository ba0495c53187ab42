/**
 * A Docker network per scenario, for labs with several brokers (bridges, HAProxy): brokers on
 * it reach each other by alias ("hub", "leaf"), and nothing leaks between scenarios.
 * testcontainers' own Network cannot carry our labels, so we create it through the same
 * Docker client and wrap it in testcontainers' StartedNetwork.
 */
import { randomBytes } from 'node:crypto';
import { getContainerRuntimeClient, StartedNetwork } from 'testcontainers';
import { projectLabels, RUN_ID } from './docker/labels';

export async function startScenarioNetwork(): Promise<StartedNetwork> {
  const client = await getContainerRuntimeClient();
  const name = `mqtt-labs-${RUN_ID}-${randomBytes(3).toString('hex')}`;
  const network = await client.network.create({ Name: name, Driver: 'bridge', CheckDuplicate: true, Labels: projectLabels() });
  return new StartedNetwork(client, name, network);
}
