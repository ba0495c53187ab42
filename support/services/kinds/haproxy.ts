/**
 * HAProxy as a kind of service (support/services/service-kind.ts), from the broker image (it
 * has Debian's haproxy 3.0). Lab 15 puts it in front of the brokers: TCP mode on the MQTT port,
 * a statistics page on 8404.
 *
 * It runs in master-worker mode (-W) in the foreground (-db): the master stays the container's
 * process, so a reload (SIGUSR2) starts new workers on the edited configuration while the
 * connections of the old ones drain, as `systemctl reload haproxy` does. Its process restarts
 * inside its container, so it takes the pooled path too.
 */
import { imageTag } from '../../images/catalogue';
import { ServiceKind } from '../service-kind';

/** Where the official haproxy image reads its configuration; the labs use the same. */
export const HAPROXY_CONFIG_DIR = '/usr/local/etc/haproxy';

export const haproxy: ServiceKind = {
  role: 'load balancer',
  // The catalogue's broker image, which has haproxy, even when the brokers run another image
  // (`--image eclipse-mosquitto:2.0.22` has no haproxy).
  image: () => imageTag('mosquitto'),
  configDir: HAPROXY_CONFIG_DIR,
  startCommand: (configFile) => `haproxy -W -db -f ${HAPROXY_CONFIG_DIR}/${configFile}`,
  // `haproxy -c` parses the whole configuration and prints every mistake with its file and
  // line ("parsing [/usr/local/etc/haproxy/haproxy.cfg:9] : unknown keyword 'bindd'").
  checkCommand: (configFile) => `haproxy -c -f ${HAPROXY_CONFIG_DIR}/${configFile}`,
  // The master logs this once its workers run on the new configuration, at start and after a reload.
  readyLine: /Loading success\./,
  stateDirs: [HAPROXY_CONFIG_DIR, '/run/haproxy'],
  reloadSignal: 'USR2',
  // The master's first line on a reload; reload() sends the signal again until it comes (see
  // support/services/reload.ts: a signal in the first milliseconds after start-up is lost).
  reloadedLine: /Reloading HAProxy/,
  defaultPort: 1883,
  defaultScheme: 'mqtt',
  pooled: { ports: [1883, 8404] },
};
