/**
 * What a scenario can do with one of its brokers, whichever way it was started: a fresh
 * container per broker (the plain path, support/brokers/mosquitto-container.ts) or a pooled container
 * handed the lab's files (the default, support/brokers/pooled-broker.ts). Steps see only this.
 */
export const MQTT_PORT = 1883;
/** Where a lab's broker files go; the image's layout, as in eclipse-mosquitto. */
export const CONFIG_DIR = '/mosquitto/config';
/** Mosquitto logs this once every listener is open: the only reliable readiness signal. */
export const READY_LINE = /mosquitto version \S+ running/;
/** Start-to-ready is well under a second on a healthy machine; this bound only catches a hang. */
export const STARTUP_TIMEOUT_MS = 20_000;
/** Mosquitto saves its database and exits on SIGTERM within milliseconds; this catches a hang. */
export const SHUTDOWN_TIMEOUT_MS = 10_000;

/** The broker did not come up: its configuration was rejected, or it died at start. */
export class BrokerStartError extends Error {
  constructor(
    message: string,
    /** Milliseconds from launching Mosquitto to its exit, where they are known. */
    readonly msToExit?: number,
  ) {
    super(message);
  }
}

export interface ExecResult {
  output: string;
  exitCode: number;
}

export interface Broker {
  /** "lab06/mosquitto.conf": which lab file runs, for messages and reports. */
  readonly description: string;
  /** Every line Mosquitto logged in this scenario, across restarts. */
  readonly logLines: string[];
  /** mqtt://localhost:<port> for a port inside the container (1883 unless told); see endpoints.ts. */
  url(containerPort?: number, scheme?: string): string;
  getHost(): string;
  getMappedPort(containerPort: number): number;
  /** The Docker container's id. */
  getId(): string;
  /** Resolves with the first log line from now on that matches, or fails after `timeoutMs`. */
  waitForLogLine(pattern: RegExp, timeoutMs: number): Promise<string>;
  /** Graceful restart: SIGTERM (Mosquitto saves its database), then a new Mosquitto process. */
  restart(): Promise<void>;
  /** SIGTERM, and the broker stays down (its database saved, its bridges said goodbye). */
  stopBroker(): Promise<void>;
  /** A new Mosquitto process on the same files and data, after stopBroker() or kill(). */
  startAgain(): Promise<void>;
  /** SIGKILL: the broker dies without writing anything, like a power cut. */
  kill(): Promise<void>;
  /** Freezes the broker: its TCP connections stay open but nothing answers. */
  pause(): Promise<void>;
  unpause(): Promise<void>;
  /** SIGHUP: Mosquitto reloads its configuration without a restart. */
  reload(): Promise<void>;
  /** Runs a command inside the broker's container (mosquitto_passwd, mosquitto_pub, cat, ...). */
  exec(command: string[], options?: { user?: string }): Promise<ExecResult>;
  /** The end of the scenario: the broker is gone for good. Never fails. */
  remove(): Promise<void>;
}
