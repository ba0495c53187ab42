// What `npm run compose:check` (scripts/compose-check.ts) proves about a lab's docker-compose.yml,
// worked out from the file alone, before anything starts: its services, the image variable each
// one reads, the ports it publishes and how each port is proven, the mistakes that need no
// Docker to see (a port open beyond 127.0.0.1, an image that is not the catalogue's), the
// set-up a learner runs first, and which of the file's by-hand lines the check runs.
// Pure functions of the file's text and the recipes: tests/unit/compose-check-plan.test.ts.
//
// Read with the `yaml` package, as scripts/lab-topology.ts does: ports come in a short form
// ("127.0.0.1:1883:1883", "1883:1883", 1883) and a long one ({ target, published, host_ip }).
import { parse } from 'yaml';
import { PROJECT_LABEL } from '../support/docker/labels';
import { Listener } from './mosquitto-config';
import { Recipe } from './recipes';

/** How a published port is proven to work. */
export type Probe =
  /** A Mosquitto of the lab: an MQTT CONNECT with what the listener behind the port asks (TLS, WebSockets, a user). */
  | 'broker'
  /** A port that fronts brokers (a load balancer's 1883): an MQTT CONNECT through it; mqtts: over TLS with the lab's CA. */
  | 'mqtt'
  | 'mqtts'
  /** Any other port (a stats page, an HTTP service): it answers on TCP (a byte back to an HTTP HEAD; Docker's proxy accepts any connection). */
  | 'tcp';

/**
 * The label that says how a service's ports are proven, for a service that is not a lab broker:
 * `mqtt`, `mqtts` or `tcp`. Without it, a port published to container port 1883 is MQTT, 8883
 * MQTT over TLS (the IANA ports: what a proxy in front of brokers listens on), any other TCP.
 */
export const PROBE_LABEL = 'org.mqtt-labs.compose-check';

export interface PublishedPort {
  /** The address it is published on; undefined: every interface of the machine. */
  hostIp: string | undefined;
  host: number;
  container: number;
}

export interface CheckedService {
  name: string;
  /** MOSQUITTO_IMAGE of `image: ${MOSQUITTO_IMAGE:?...}`; undefined for an image written out. */
  imageVariable: string | undefined;
  /** A Mosquitto the lab's start script runs (not another program of the broker image, such as lab 15's HAProxy). */
  broker: boolean;
  /** The configuration the lab's start script runs (a broker). */
  config: string | undefined;
  ports: PublishedPort[];
  /** What its label org.mqtt-labs.compose-check says, if anything. */
  label: Probe | undefined;
}

export interface ComposePlan {
  services: CheckedService[];
  /** Mistakes seen in the file itself: the check stops on them before `up`. */
  problems: string[];
}

interface ComposeService {
  image?: string;
  command?: string | string[];
  ports?: (string | number | { target: number | string; published?: number | string; host_ip?: string })[];
  labels?: Record<string, string> | string[];
  network_mode?: string;
  entrypoint?: string | string[];
}

const MOSQUITTO_VARIABLE = 'MOSQUITTO_IMAGE';

/** "${NGINX_IMAGE:?set it ...}" -> "NGINX_IMAGE". */
function imageVariableIn(image: string | undefined): string | undefined {
  return /^\$\{([A-Z][A-Z0-9_]*_IMAGE)(?::?[?-][^}]*)?\}$/.exec(image?.trim() ?? '')?.[1];
}

/** One entry of `ports:`; a string such as "127.0.0.1::1883" or "1883-1885:1883-1885" it cannot check. */
function publishedPortOf(port: NonNullable<ComposeService['ports']>[number]): PublishedPort | string {
  if (typeof port === 'object') {
    const published = Number(port.published);
    if (!Number.isInteger(published) || published <= 0) return `the port ${port.target} has no fixed published port`;
    return { hostIp: port.host_ip, host: published, container: Number(port.target) };
  }
  const text = String(port).replace(/\/(tcp|udp)$/, '');
  // "ip:host:container", "host:container" or "container" (Docker picks a host port).
  const parts = text.startsWith('[') ? [text.slice(1, text.indexOf(']')), ...text.slice(text.indexOf(']') + 2).split(':')] : text.split(':');
  const [container, host, hostIp] = [...parts].reverse();
  if (!/^\d+$/.test(container ?? '') || !/^\d+$/.test(host ?? '')) return `"${port}" publishes no fixed port (write "127.0.0.1:<port>:<port>")`;
  return { hostIp: hostIp || undefined, host: Number(host), container: Number(container) };
}

function labelsOf(service: ComposeService): Record<string, string> {
  const labels = service.labels ?? {};
  if (!Array.isArray(labels)) return labels;
  return Object.fromEntries(labels.map((label) => [label.split('=')[0], label.slice(label.indexOf('=') + 1)]));
}

function labelProbeOf(service: ComposeService): Probe | undefined | string {
  const wanted = labelsOf(service)[PROBE_LABEL];
  if (wanted === undefined || wanted === 'mqtt' || wanted === 'mqtts' || wanted === 'tcp') return wanted;
  return `its label ${PROBE_LABEL}: "${wanted}" is none of mqtt, mqtts, tcp`;
}

/** How one published port of a service is proven. */
export function probeOf(service: CheckedService, port: PublishedPort): Probe {
  if (service.broker) return 'broker';
  if (service.label) return service.label;
  return port.container === 1883 ? 'mqtt' : port.container === 8883 ? 'mqtts' : 'tcp';
}

/**
 * The plan for one compose file. `imageVariables` are the variables the catalogue defines
 * (scripts/compose-command.ts): an image outside them would be pulled from a registry.
 */
export function composePlanOf(text: string, imageVariables: readonly string[]): ComposePlan {
  const problems: string[] = [];
  const compose = (parse(text) ?? {}) as { services?: Record<string, ComposeService> };
  const services = Object.entries(compose.services ?? {}).map(([name, service]): CheckedService => {
    const imageVariable = imageVariableIn(service.image);
    if (!imageVariable) problems.push(`${name}: image "${service.image ?? ''}" is not \${<NAME>_IMAGE:?...} of a catalogue image (${imageVariables.join(', ')})`);
    else if (!imageVariables.includes(imageVariable)) problems.push(`${name}: no image of the catalogue (support/images/catalogue.ts) is passed as ${imageVariable}; they are ${imageVariables.join(', ')}`);
    if (labelsOf(service)[PROJECT_LABEL] !== 'mqtt-labs') problems.push(`${name}: no label ${PROJECT_LABEL}: mqtt-labs (how npm run clean --all finds what a compose run left)`);
    if (service.network_mode === 'host') problems.push(`${name}: network_mode: host listens on every interface of the machine`);
    const ports: PublishedPort[] = [];
    for (const entry of service.ports ?? []) {
      const port = publishedPortOf(entry);
      if (typeof port === 'string') problems.push(`${name}: ${port}`);
      else if (port.hostIp !== '127.0.0.1') problems.push(`${name}: port ${port.host} is published on ${port.hostIp ?? 'every interface'}, not 127.0.0.1 only (write "127.0.0.1:${port.host}:${port.container}")`);
      else ports.push(port);
    }
    const label = labelProbeOf(service);
    if (label !== undefined && label !== 'mqtt' && label !== 'mqtts' && label !== 'tcp') problems.push(`${name}: ${label}`);
    const command = typeof service.command === 'string' ? service.command.split(/\s+/) : (service.command ?? []);
    // The broker image runs other programs too (lab 15's HAProxy, with an entrypoint of its own).
    const broker = imageVariable === MOSQUITTO_VARIABLE && !service.entrypoint;
    const config = command.find((word) => word.endsWith('.conf'));
    if (broker && !config) problems.push(`${name}: its command names no configuration (["sh", "/lab-broker-start.sh", "<name>.conf"])`);
    return { name, imageVariable, broker, config, ports, label: label as Probe | undefined };
  });
  if (!services.length) problems.push('it defines no services');
  return { services, problems };
}

/** The listener of a broker behind a published container port; a string says what is wrong. */
export function listenerBehind(port: PublishedPort, config: string, listeners: Listener[]): Listener | string {
  const listener = listeners.find((l) => l.port === port.container);
  if (!listener) return `127.0.0.1:${port.host} leads to port ${port.container} in the container, where ${config} has no listener (its listeners: ${listeners.map((l) => l.port).join(', ') || 'none'})`;
  if (listener.loopbackOnly) return `127.0.0.1:${port.host} leads to port ${port.container}, which ${config} opens inside the container only (listener ${port.container} 127.0.0.1)`;
  return listener;
}

/**
 * Set-up a learner runs before `up`, written in the header as a line of its own that starts with
 * `npm run <script>` (lab 13: `npm run certs`): the script names. The by-hand commands themselves
 * (broker, compose, app) are not set-up.
 */
export function setupScriptsOf(header: string): string[] {
  const scripts = header
    .split('\n')
    .map((line) => /^\s*npm run ([\w:-]+)/.exec(line)?.[1])
    .filter((script): script is string => !!script && !/^(broker|compose|compose:check|app)$/.test(script));
  return [...new Set(scripts)];
}

/** A line whose note says it is refused on purpose ("refused: not authorised", "... : refused"). */
export function refusedOnPurpose(recipe: Recipe): boolean {
  return /^refused|: refused|refused:/i.test(recipe.note) || /\brefused\b/i.test(recipe.note.split(':')[0] ?? '');
}

/** The two lines the check runs, and the payload the subscriber must print. */
export interface RecipeRun {
  /**
   * The administration lines the file writes before its subscriber (lab 17's `mosquitto_ctrl`
   * lines create the users the subscriber and the publisher log in as), run first, in order.
   */
  preparation: Recipe[];
  subscriber: Recipe;
  /** A `mosquitto_pub` line, or a client killed on purpose whose will the broker publishes; none: any message (lab 8's $SYS). */
  publisher: Recipe | undefined;
  /** What the publisher sends (-m, --will-payload; '' for -n); undefined: any message counts. */
  payload: string | undefined;
}

const valueAfter = (words: string[], option: string): string | undefined => {
  const at = words.indexOf(option);
  return at < 0 ? undefined : words[at + 1];
};

/** A client killed after a bound so that the broker publishes its will (lab 5). */
const isWillLine = (r: Recipe) => r.words.includes('timeout') && r.words.includes('--will-topic');

/** A line that changes the broker's own policy (lab 17's `mosquitto_ctrl dynsec ...`). */
const isAdministration = (r: Recipe) => r.words.includes('mosquitto_ctrl');

/** The mark a line's note may carry to be the one the check runs: "# a subscriber on alpha itself [compose:check]". */
export const CHECK_MARK = '[compose:check]';

/**
 * Which by-hand lines of the file the check runs on the brokers as composed: the first
 * subscriber line, and the first line in the file that publishes (a `mosquitto_pub`, or a client
 * killed so that its will is published). Lines refused on purpose, for a configuration the
 * services do not run, for the learner's own machine or a browser are not candidates. A file
 * whose first pair cannot meet (lab 15: a load balancer deals the two clients to two brokers)
 * marks the subscriber and the publisher to run with [compose:check] at the end of their notes.
 */
export function recipeRunOf(recipes: Recipe[], services: Pick<CheckedService, 'name' | 'config'>[]): RecipeRun | undefined {
  const lines = linesRunHere(recipes, services);
  const marked = lines.filter((r) => r.note.includes(CHECK_MARK));
  const candidates = marked.length ? marked : lines;
  const subscriber = candidates.find((r) => r.words.includes('mosquitto_sub') && !r.words.includes('timeout'));
  if (!subscriber) return undefined;
  const preparation = lines.slice(0, lines.indexOf(subscriber)).filter(isAdministration);
  const publisher = candidates.find((r) => r.words.includes('mosquitto_pub') || isWillLine(r));
  if (!publisher) return { preparation, subscriber, publisher: undefined, payload: undefined };
  const payload = publisher.words.includes('-n') ? '' : (valueAfter(publisher.words, '-m') ?? valueAfter(publisher.words, '--will-payload'));
  return { preparation, subscriber, publisher, payload };
}

/**
 * The file's lines that fit the services as composed: on one of its services, for the
 * configuration that service runs, not on the learner's own machine or in a browser, and not
 * refused on purpose.
 */
export function linesRunHere(recipes: Recipe[], services: Pick<CheckedService, 'name' | 'config'>[]): Recipe[] {
  return recipes.filter((r) => {
    const service = services.find((s) => s.name === r.service);
    return !!service && !r.onHost && !r.url && (r.forOwnService || (!!service.config && r.configs.includes(service.config))) && !refusedOnPurpose(r);
  });
}

/**
 * The username and password the file's own lines log in with: the first line on `service`
 * (any service when undefined) that talks to its own broker (-h localhost) on `containerPort`
 * (any when undefined) with -u and -P. The CONNECT check logs in as the learner's lines do.
 */
export function loginOf(lines: Recipe[], service: string | undefined, containerPort: number | undefined): { username: string; password: string } | undefined {
  for (const line of lines) {
    const words = line.words;
    // mosquitto_ctrl logs in too (lab 17's admin, the one user its committed policy has at start).
    if (!words.some((w) => w === 'mosquitto_sub' || w === 'mosquitto_pub' || w === 'mosquitto_ctrl')) continue;
    if (service !== undefined && (line.service !== service || !['localhost', '127.0.0.1', undefined].includes(valueAfter(words, '-h')))) continue;
    if (containerPort !== undefined && Number(valueAfter(words, '-p') ?? 1883) !== containerPort) continue;
    const [username, password] = [valueAfter(words, '-u'), valueAfter(words, '-P')];
    if (username !== undefined && password !== undefined) return { username, password };
  }
  return undefined;
}

/**
 * `docker compose exec broker mosquitto_sub ...` as Compose's own arguments for a run without a
 * terminal: `exec -T broker mosquitto_sub ... <extra>`. `lineBuffered` puts `stdbuf -oL` before
 * the command: without a terminal its output would come in one block when it ends, too late to
 * see its SUBACK before the publisher runs.
 */
export function execArgumentsOf(recipe: Recipe, extra: string[] = [], lineBuffered = false): string[] {
  const [, , verb, ...rest] = recipe.words;
  const at = rest.indexOf(recipe.service ?? '');
  if (verb !== 'exec' || at < 0) throw new Error(`Not a line of the form docker compose exec <service> <command>: ${recipe.words.join(' ')}`);
  return ['exec', '-T', ...rest.slice(0, at + 1), ...(lineBuffered ? ['stdbuf', '-oL'] : []), ...rest.slice(at + 1), ...extra];
}

/** A bridge whose state the check waits for: `$SYS/broker/connection/<client id>/state` 1. */
export interface BridgeState {
  connection: string;
  /** The exact state topic, when the file names the bridge's client id (or its notification_topic). */
  topic: string | undefined;
}

/**
 * The bridges of a Mosquitto configuration, one per `connection` block, each reporting its state
 * on `notification_topic`, else `$SYS/broker/connection/<remote_clientid>/state` (without a
 * remote_clientid, Mosquitto makes one ending ".<connection>"). None when `notifications false`:
 * nothing would report them. A broker may see other brokers' states too (lab 16's mesh sends
 * them over its bridges), so the check waits for these topics, not for any.
 */
export function bridgesOf(configText: string): BridgeState[] {
  const bridges: (BridgeState & { notifications: boolean })[] = [];
  for (const line of configText.split(/\r?\n/)) {
    const [key, value] = line.trim().split(/\s+/);
    const bridge = bridges[bridges.length - 1];
    if (key === 'connection') bridges.push({ connection: value, topic: undefined, notifications: true });
    else if (bridge && key === 'remote_clientid' && !bridge.topic?.startsWith('!')) bridge.topic = `$SYS/broker/connection/${value}/state`;
    else if (bridge && key === 'notification_topic') bridge.topic = `!${value}`;
    else if (bridge && key === 'notifications') bridge.notifications = value !== 'false';
  }
  return bridges.filter((b) => b.notifications).map((b) => ({ connection: b.connection, topic: b.topic?.replace(/^!/, '') }));
}

/** Whether a state topic is this bridge's. */
export function isStateOf(bridge: BridgeState, topic: string): boolean {
  return bridge.topic ? topic === bridge.topic : topic.startsWith('$SYS/broker/connection/') && topic.endsWith(`.${bridge.connection}/state`);
}
