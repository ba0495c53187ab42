/**
 * A client machine: a container of the broker image (it has mosquitto_pub and mosquitto_sub)
 * that does nothing but exist on the scenario network, with an address of its own. Lab 15 runs
 * command-line MQTT clients in such containers (Service.exec) so that a load balancer sees
 * clients come from DIFFERENT addresses, as devices on a network do: every client of the test
 * process itself reaches the balancer through Docker's port publishing, from one address.
 *
 * It publishes the broker's ports only to share the brokers' pool of containers (same image,
 * same ports): nothing listens on them.
 */
import { imageTag } from '../../images/catalogue';
import { ServiceKind } from '../service-kind';

const READY = 'client machine ready';

export const clientMachine: ServiceKind = {
  role: 'client machine',
  image: () => imageTag('mosquitto'),
  configDir: '/tmp',
  startCommand: () => `sh -c 'echo "${READY}" >&2; exec sleep infinity'`,
  readyLine: new RegExp(READY),
  stateDirs: ['/tmp'],
  reloadSignal: 'HUP',
  defaultPort: 1883,
  defaultScheme: 'mqtt',
  pooled: { ports: [1883, 8883, 9001] },
};
