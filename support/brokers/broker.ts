/**
 * What a scenario can do with one of its brokers, whichever way it was started: a pooled
 * container handed the lab's files (the default) or a fresh container per broker (the plain
 * path); see support/services/. A broker is a service of the kind `mosquitto` (mosquitto.ts),
 * plus what MQTT steps say. Steps see only this.
 */
import { Service } from '../services/service';

export { CONFIG_DIR, MQTT_PORT, READY_LINE } from './mosquitto';
export { SHUTDOWN_TIMEOUT_MS, STARTUP_TIMEOUT_MS } from '../services/service-kind';
export type { ExecResult } from '../services/service';
/** The broker did not come up: its configuration was rejected, or it died at start. */
export { ServiceStartError as BrokerStartError } from '../services/service-kind';

export interface Broker extends Service {
  /** SIGTERM, and the broker stays down (its database saved, its bridges said goodbye). */
  stopBroker(): Promise<void>;
}
