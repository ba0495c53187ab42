/**
 * The run configuration: what one test run is (its id, its reports, its path through the
 * broker pool, its break-it exercise, ...), typed, in one place. The runner (scripts/run-labs.ts)
 * builds it from its command line and hands it to cucumber and to every cucumber worker as ONE
 * JSON environment variable; support code reads it with `runConfig()`. Environment variables
 * are how a value reaches a worker process that cucumber forks, which is why it travels as one.
 *
 * cucumber started by hand (`npx cucumber-js ...`) gets the defaults: a run id of its own, the
 * reports under reports/, and the variables a user or CI may set (MOSQUITTO_IMAGE,
 * MQTT_LABS_PLAIN, MQTT_LABS_DIAGRAMS, MQTT_LABS_STACK, MQTT_LABS_CHROMIUM) read the same way the
 * runner reads them.
 */

/** The one environment variable that carries the run configuration to cucumber's workers. */
export const RUN_CONFIG_VARIABLE = 'MQTT_LABS_RUN';

export interface RunConfig {
  /** Labels every container and network of the run (support/docker/labels.ts). */
  runId: string;
  /** The process that owns the run: when it is gone, its leftovers may be removed. */
  runnerPid: number;
  /** Where cucumber writes its reports (relative to the project root). */
  reportDir: string;
  /** A new container per broker, one worker (the benchmark's baseline), instead of the pool. */
  plain: boolean;
  /** Cucumber runs workers: the coordinating process starts no broker. */
  parallel: boolean;
  /** The broker image to use instead of brokers/image/.image (`--image`, MOSQUITTO_IMAGE). */
  image?: string;
  /**
   * The Mosquitto version the brokers run (`--mosquitto 2.0.11`, or what the runner read off
   * the image): version-tagged scenarios of other versions are skipped (support/brokers/version-tags.ts).
   */
  mosquittoVersion?: string;
  /** The image the runner has already checked (Docker reachable, image present). */
  checkedImage?: string;
  /** A break-it exercise, `lab03/upgrade-qos`: its files are laid over the lab's broker files. */
  breakIt?: string;
  /** `npm run bench` only: the file each broker start is recorded in. */
  timingsFile?: string;
  /** The report draws its sequence diagrams (off with `--no-diagrams`). */
  diagrams: boolean;
  /** A failure shows the stack trace into the support code too (`--stack`). */
  stack: boolean;
  /** The Chrome or Chromium the browser scenarios drive, when not at its usual place (`--chromium`). */
  chromium?: string;
  /**
   * How many scenarios the run selected (after paths, lines and tags), when the runner knows:
   * a pool need not keep a spare broker ready for a scenario that will never come.
   */
  plannedScenarios?: number;
}

/** The inputs a user or CI may set as environment variables; the runner's options win over them. */
export function fromUserEnvironment(env: NodeJS.ProcessEnv = process.env): Pick<RunConfig, 'image' | 'plain' | 'diagrams' | 'stack' | 'chromium'> {
  return {
    image: env.MOSQUITTO_IMAGE?.trim() || undefined,
    plain: env.MQTT_LABS_PLAIN === '1',
    diagrams: env.MQTT_LABS_DIAGRAMS !== '0',
    stack: env.MQTT_LABS_STACK === '1',
    chromium: env.MQTT_LABS_CHROMIUM?.trim() || undefined,
  };
}

/** A new run id; the runner makes one per run. */
export function newRunId(): string {
  return `run-${process.pid}-${Date.now().toString(36)}`;
}

/** What a run is when nobody said otherwise: cucumber started by hand. */
export function defaultRunConfig(): RunConfig {
  return { runId: newRunId(), runnerPid: process.pid, reportDir: 'reports', parallel: false, ...fromUserEnvironment() };
}

let current: RunConfig | undefined;

/** This process's run configuration (read once; the same object on every call). */
export function runConfig(): RunConfig {
  if (current) return current;
  const handed = process.env[RUN_CONFIG_VARIABLE];
  current = handed ? { ...defaultRunConfig(), ...(JSON.parse(handed) as Partial<RunConfig>) } : defaultRunConfig();
  // By hand with --parallel, cucumber forks its workers after loading this: they inherit the
  // variable, so every process of the run shares one run id.
  if (!handed) process.env[RUN_CONFIG_VARIABLE] = JSON.stringify(current);
  return current;
}

/** For the runner: makes `config` this process's run configuration and its workers'. */
export function handDown(config: RunConfig): void {
  current = config;
  process.env[RUN_CONFIG_VARIABLE] = JSON.stringify(config);
}
