/**
 * Open-source NGINX with its stream (TCP) module as a kind of service (support/services/
 * service-kind.ts), from the catalogue's nginx image (brokers/images/nginx/). Lab 15 puts it in
 * front of the brokers beside HAProxy, to show what each of the two can do for MQTT.
 *
 * The lab's nginx.conf says `daemon off;` (the master stays in the foreground, the container's
 * process) and `error_log stderr notice;`: the notice level is what logs "start worker
 * processes", the one line that says the configuration was loaded and the listening sockets
 * are open. Its process restarts inside its container, so it takes the pooled path.
 */
import { imageTag } from '../../images/catalogue';
import { ServiceKind } from '../service-kind';

/** Where the labs lay their nginx.conf (the image makes the folder). */
export const NGINX_CONFIG_DIR = '/etc/nginx/lab';

/**
 * A pooled container is reset, and a killed service dies, by SIGKILL to the master
 * (service-supervisor.sh). NGINX's workers do not die with their master: they would keep port
 * 1883 and the next NGINX would fail with "bind() ... failed (98: Address already in use)". So
 * a start first ends the workers a killed master left behind (NGINX retries a busy port for
 * 2.5 s, long enough for them to go).
 */
const ENDING_ORPHANED_WORKERS = 'for p in /proc/[0-9]*; do [ "$(cat $p/comm 2>/dev/null)" = nginx ] && kill -KILL "${p#/proc/}"; done';

export const nginx: ServiceKind = {
  role: 'load balancer',
  image: () => imageTag('nginx'),
  configDir: NGINX_CONFIG_DIR,
  startCommand: (configFile) => `sh -c '${ENDING_ORPHANED_WORKERS}; exec nginx -c ${NGINX_CONFIG_DIR}/${configFile}'`,
  // `nginx -t` parses the configuration, resolves the upstream names and prints its own error
  // with the file and line ("nginx: [emerg] unknown directive "proxy_pas" in /etc/nginx/lab/
  // nginx.conf:31"), then "configuration file ... test failed".
  checkCommand: (configFile) => `nginx -t -q -c ${NGINX_CONFIG_DIR}/${configFile}`,
  // Logged by the master (notice level) once the sockets listen, at start and after a reload.
  readyLine: /start worker processes/,
  stateDirs: [NGINX_CONFIG_DIR, '/run/nginx-lab.pid'],
  reloadSignal: 'HUP',
  reloadedLine: /signal 1 \(SIGHUP\) received/,
  defaultPort: 1883,
  defaultScheme: 'mqtt',
  pooled: { ports: [1883] },
};
