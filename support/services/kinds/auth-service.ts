/**
 * Lab 18's auth service as a kind of service (support/services/service-kind.ts): the built
 * labs/lab18/auth-service.ts on Debian's Node.js (the catalogue's node-service image), beside
 * the broker on the scenario network, where the broker's plugin reaches it as http://auth:8080.
 *
 * Its files are the built JavaScript (build/labs/lab18/ and build/labs/shared/, from
 * `npm run build`) and the lab's files (users.json, acl.json, the *.env settings). The
 * "configuration file" a scenario names is one of the .env files: the start command passes its
 * NAME=value lines to node as environment variables, as compose's env_file does for a learner.
 *
 * Node's process restarts inside its container, so it takes the pooled path like the broker.
 */
import { imageTag } from '../../images/catalogue';
import { ServiceKind } from '../service-kind';

export const AUTH_SERVICE_DIR = '/srv/service';
export const AUTH_SERVICE_PORT = 8080;
/** The image's user "service" (uid and gid 1884): the service never runs as root. */
const SERVICE_UID = 1884;

export const authService: ServiceKind = {
  role: 'auth service',
  image: () => imageTag('node-service'),
  configDir: AUTH_SERVICE_DIR,
  fileOwner: { uid: SERVICE_UID, gid: SERVICE_UID },
  // env's NAME=value arguments from the .env file (comments dropped), then node as user
  // "service" (setpriv, from util-linux, which every Debian base has).
  startCommand: (envFile) =>
    `env $(grep -v '^#' ${AUTH_SERVICE_DIR}/${envFile}) setpriv --reuid=${SERVICE_UID} --regid=${SERVICE_UID} --clear-groups ` +
    `node ${AUTH_SERVICE_DIR}/lab18/auth-service.js`,
  // Node stops at once on a users or rules file it cannot read, with its own error lines.
  readyLine: /auth service listening on port \d+/,
  stateDirs: [AUTH_SERVICE_DIR],
  reloadSignal: 'HUP',
  reloadedLine: /reloaded: |reload failed/,
  defaultPort: AUTH_SERVICE_PORT,
  defaultScheme: 'http',
  pooled: { ports: [AUTH_SERVICE_PORT] },
};
