/**
 * What kind of program a scenario's container runs: the Mosquitto broker (support/brokers/
 * mosquitto.ts), HAProxy (kinds/haproxy.ts), an HTTP service. A kind is data, a small module
 * each: which image, where its files go, how it starts, how it says it is ready, how it says a
 * configuration is wrong. The machinery that runs containers (the pool, testcontainers) reads
 * it and knows nothing else about the program.
 */

export interface ServiceKind {
  /** What a learner calls it in messages: "broker", "load balancer", "auth service". */
  readonly role: string;
  /** The Docker image it runs in (a name from the image catalogue), read when a container is made. */
  image(): string;
  /** The folder its files go to in the container, e.g. /mosquitto/config. */
  readonly configDir: string;
  /** Who owns its files in the container (the user the program drops to); root unless said. */
  readonly fileOwner?: { uid: number; gid: number };
  /**
   * The shell command that runs the program in the foreground on a configuration file of
   * configDir, without `exec` (the caller adds it): `mosquitto -c /mosquitto/config/x.conf`.
   */
  startCommand(configFile: string): string;
  /**
   * A command that checks the configuration before the program starts and, when it is wrong,
   * prints the program's OWN error lines and fails (`haproxy -c -f ...`). Leave it out for a
   * program that fails at once with its own message anyway (Mosquitto's "Error: ...").
   */
  checkCommand?(configFile: string): string;
  /** The log line that says the program is ready for clients: the only reliable readiness signal. */
  readonly readyLine: RegExp;
  /**
   * Shell commands run once, after its files arrived and before the first start: make the
   * folders it writes to and hand them to its user, as the image's entrypoint does.
   */
  readonly ownFiles?: string;
  /**
   * The folders it writes (its files, its data); removed when a pooled container is made like
   * new for the next scenario. /tmp is always wiped.
   */
  readonly stateDirs: string[];
  /** The signal that makes it reload its configuration without a restart. */
  readonly reloadSignal: 'HUP' | 'USR1' | 'USR2';
  /** The line it logs when a reload begins, if it logs one: reload() then waits for it (reload.ts). */
  readonly reloadedLine?: RegExp;
  /** The port its clients use when a step names none, and the scheme of that port. */
  readonly defaultPort: number;
  readonly defaultScheme: string;
  /**
   * True when its process can be stopped and started again inside one container: then it
   * takes the fast path, a pooled container reset in place. Its pooled containers publish
   * these ports; a request for other ports gets a container of its own.
   */
  readonly pooled?: { ports: number[] };
}

/** Start-to-ready is well under a second on a healthy machine; this bound only catches a hang. */
export const STARTUP_TIMEOUT_MS = 20_000;
/** Programs save and exit on SIGTERM within milliseconds; this bound catches a hang. */
export const SHUTDOWN_TIMEOUT_MS = 10_000;

/** The service did not come up: its configuration was rejected, or it died at start. */
export class ServiceStartError extends Error {
  constructor(
    message: string,
    /** Milliseconds from launching the program to its exit, where they are known. */
    readonly msToExit?: number,
  ) {
    super(message);
  }
}
