/**
 * The Mosquitto broker as a kind of service (support/services/service-kind.ts): the first kind,
 * and the one every lab runs. Its process restarts inside its container, so it takes the fast,
 * pooled path by default.
 */
import { brokerImage } from '../docker/preflight';
import { ServiceKind } from '../services/service-kind';

export const MQTT_PORT = 1883;
/** Where a lab's broker files go; the image's layout, as in eclipse-mosquitto. */
export const CONFIG_DIR = '/mosquitto/config';
/** Mosquitto logs this once every listener is open: the only reliable readiness signal. */
export const READY_LINE = /mosquitto version \S+ running/;
/** The image's user mosquitto (uid and gid 1883, as in eclipse-mosquitto). */
const MOSQUITTO_UID = 1883;

export const mosquitto: ServiceKind = {
  role: 'broker',
  image: brokerImage,
  configDir: CONFIG_DIR,
  fileOwner: { uid: MOSQUITTO_UID, gid: MOSQUITTO_UID },
  startCommand: (configFile) => `mosquitto -c ${CONFIG_DIR}/${configFile}`,
  // No check command: Mosquitto rejects a bad configuration at once with its own "Error: ..." lines.
  readyLine: READY_LINE,
  // As the image's entrypoint does: files copied in belong to root, and Mosquitto reads them
  // (and writes its database) after it dropped to user mosquitto.
  ownFiles: 'mkdir -p /mosquitto/data /mosquitto/log && chown -R mosquitto:mosquitto /mosquitto',
  stateDirs: ['/mosquitto'],
  reloadSignal: 'HUP',
  defaultPort: MQTT_PORT,
  defaultScheme: 'mqtt',
  // MQTT, MQTT over TLS, WebSockets: what the labs' listeners use.
  pooled: { ports: [MQTT_PORT, 8883, 9001] },
};
