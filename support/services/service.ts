/**
 * A container a scenario runs, started: a broker, a load balancer, an HTTP service. Whichever
 * way it was started (a pooled container handed its files, support/services/pooled-service.ts,
 * or a fresh one from testcontainers, plain-service.ts), a scenario sees only this.
 */
import type { ScenarioNetwork } from '../docker/scenario-network';
import type { ServiceKind } from './service-kind';

export interface ExecResult {
  output: string;
  exitCode: number;
}

/** A file for a service's configDir (a lab file of brokers/labNN/ is one). */
export interface ServiceFile {
  /** Relative to the kind's configDir: "acl", or "certs/server.pem". */
  name: string;
  content: Buffer;
  /** Where it came from, for messages: "brokers/lab06/acl", a break-it copy, the test. */
  source: string;
  /** File mode in the container; 0600 unless said. */
  mode?: number;
}

/** What to start: a kind of service on some files. */
export interface ServiceRequest {
  /** Its name in the scenario ("hub", "balancer"): its host name on the scenario network. */
  name: string;
  /** "lab06/mosquitto.conf": which lab files it runs, for messages and reports. */
  description: string;
  /** Its files, laid into the kind's configDir (lab files, files made at test time). */
  files: ServiceFile[];
  /** The one of them it runs on. */
  configFile: string;
  /** Container ports to publish, each on a random port of 127.0.0.1. */
  ports: number[];
  /** Join this scenario network under `name` before the program starts. */
  network?: ScenarioNetwork;
  /** Shell commands run in configDir before the program first starts (mosquitto_passwd -U ...). */
  preparation?: string;
  /**
   * The plain path only (`npm run broker`): FIXED ports of 127.0.0.1 to publish container ports
   * on (container port -> host port), because the lines it prints name them. Scenarios leave it
   * out: random ports let scenarios and other labs run side by side.
   */
  hostPorts?: Record<number, number>;
  /** The plain path only: the container's name, so that a learner's `docker exec` lines can name it. */
  containerName?: string;
}

export interface Service {
  readonly kind: ServiceKind;
  /** Its name in the scenario, and its host name on the scenario network when it joined one. */
  readonly name: string;
  /** "lab06/mosquitto.conf": which lab files run, for messages and reports. */
  readonly description: string;
  /** Every line the program logged in this scenario, across restarts. */
  readonly logLines: string[];
  /** scheme://localhost:<host port> for a container port (the kind's default port unless told). */
  url(containerPort?: number, scheme?: string): string;
  getHost(): string;
  /** The host port (on 127.0.0.1) Docker published for a container port. */
  getMappedPort(containerPort: number): number;
  /** The Docker container's id. */
  getId(): string;
  /** Resolves with the first log line from now on that matches, or fails after `timeoutMs`. */
  waitForLogLine(pattern: RegExp, timeoutMs: number, what?: string): Promise<string>;
  /** Runs a command inside the container (mosquitto_passwd, cat, ...). */
  exec(command: string[], options?: { user?: string }): Promise<ExecResult>;
  /** Graceful restart: SIGTERM (the program saves what it keeps), then a new process. */
  restart(): Promise<void>;
  /** SIGTERM, and it stays down (its data saved, its peers told goodbye). */
  stop(): Promise<void>;
  /** A new process on the same files and data, after stop() or kill(). */
  startAgain(): Promise<void>;
  /** SIGKILL: it dies without writing anything, like a power cut. */
  kill(): Promise<void>;
  /** Freezes it: its TCP connections stay open but nothing answers. */
  pause(): Promise<void>;
  unpause(): Promise<void>;
  /** Takes it off the scenario network: the cable to its peers pulled; its own clients stay. */
  cutNetwork(): Promise<void>;
  /** Puts it back on the scenario network under its name. */
  restoreNetwork(): Promise<void>;
  /** The kind's reload signal (SIGHUP for Mosquitto): new configuration, no restart. */
  reload(): Promise<void>;
  /** The end of the scenario: it is gone for good. Never fails. */
  remove(): Promise<void>;
}
