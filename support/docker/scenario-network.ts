/**
 * A Docker network per scenario, for labs with several brokers (bridges, HAProxy): brokers on
 * it reach each other by alias ("hub", "leaf"), exactly as services of a compose file do, and
 * nothing leaks between scenarios. It carries the project's labels like every container.
 *
 * A broker's container joins it as a SECOND network: its published ports stay on Docker's
 * default bridge, where the test's clients reach them. So a broker can be taken off the
 * scenario network (the cable between two brokers pulled) while its own clients stay connected,
 * and put back under the same name.
 */
import { randomBytes } from 'node:crypto';
import { dockerApi } from './docker-api';
import { projectLabels, RUN_ID } from './labels';

export interface ScenarioNetwork {
  readonly name: string;
  /** Puts a container on the network under a host name (before its broker starts, or again after a cut). */
  connect(containerId: string, alias: string): Promise<void>;
  /** Takes a container off the network: its packets to the other brokers go nowhere. */
  disconnect(containerId: string): Promise<void>;
  remove(): Promise<void>;
}

/** `name`: a scenario's is unique to it; `npm run broker` names a lab's after the lab (mqtt-labs-lab09). */
export async function startScenarioNetwork(name = `mqtt-labs-${RUN_ID}-${randomBytes(3).toString('hex')}`): Promise<ScenarioNetwork> {
  const docker = await dockerApi();
  const network = await docker.createNetwork({ Name: name, Driver: 'bridge', CheckDuplicate: true, Labels: projectLabels() });
  return {
    name,
    connect: (containerId, alias) => network.connect({ Container: containerId, EndpointConfig: { Aliases: [alias] } }).then(() => undefined),
    disconnect: (containerId) => network.disconnect({ Container: containerId, Force: true }).then(() => undefined),
    remove: () => network.remove().then(() => undefined),
  };
}
