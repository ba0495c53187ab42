// The by-hand recipes of a lab: the `docker compose exec ...` lines in the comment at the top of
// its docker-compose.yml, each tied to the configuration it was written for, turned into the
// `docker exec -it <container> ...` lines that `npm run broker` prints.
//
// Which configuration a line is for (a line for tls.conf sent to a mutual-TLS broker is refused):
//   - lines before any "With <x>.conf ...:" header are for the configuration of their service's
//     `command:` (lab 9's `hub` lines for hub.conf);
//   - lines after a header line "With a.conf, b.conf or c.conf (...):" are for those configurations;
//   - a configuration without lines of its own gets a subscriber and a publisher made from what
//     the configuration asks of a client (port, TLS, a demo user).
// tests/unit/recipes.test.ts checks every configuration's lines against the configuration.
import { BrokerConfig } from './mosquitto-config';
import { brokerConfigOf, demoUsersOf } from './lab-folders';
import { headerCommentOf, Service, servicesOf } from './lab-topology';
import { splitShWords } from './shell-quoting';
import { CONFIG_DIR } from '../support/brokers/mosquitto';

export interface Recipe {
  /** The line as the compose file writes it, in words: docker compose exec broker mosquitto_sub ... */
  words: string[];
  /** A page to open in a browser instead of a command (lab 11's dashboard). */
  url?: string;
  /** What the line shows, from the comment after it. */
  note: string;
  /** The compose service it runs on. */
  service?: string;
  /** The configurations it is written for. */
  configs: string[];
  /** Written before any "With ..." header: for its own service, as the file's `command:` runs it. */
  forOwnService: boolean;
  /** A command for the learner's own machine (`npm run app -- lab05/responder`), printed as written. */
  onHost?: boolean;
}

const HEADER = /^With ((?:[\w.-]+\.conf(?:,? or |, | and )?)+)/;
const RECIPE_START = /^(docker compose |npm run app |https?:\/\/localhost)/;

/** Joins lines continued with a trailing backslash, as the shell does. */
function joinContinuations(lines: string[]): string[] {
  const joined: string[] = [];
  let continuing = false;
  for (const line of lines) {
    const text: string = continuing ? `${joined.pop()} ${line.trim()}` : line;
    continuing = text.endsWith('\\');
    joined.push(continuing ? text.slice(0, -1).trimEnd() : text);
  }
  return joined;
}

/** One recipe line ("docker compose exec broker ...   # note"), for these configurations. */
function recipeOf(text: string, configs: string[], services: Service[]): Recipe {
  const [command, note = ''] = text.split(/\s{2,}#\s*/);
  const forOwnService = configs.length === 0;
  // A page is for every configuration of the section, or of the file's services.
  const everyService = services.flatMap((s) => (s.config ? [s.config] : []));
  if (command.startsWith('http')) return { words: [], url: command, note, configs: forOwnService ? everyService : configs, forOwnService };
  if (command.startsWith('npm ')) return { words: splitShWords(command), note, configs: forOwnService ? everyService : configs, forOwnService, onHost: true };
  const words = splitShWords(command);
  // The first word after `docker compose <verb>` that is neither an option nor its value (-u user, -s HUP).
  const service = words.slice(3).find((word, i, rest) => !word.startsWith('-') && !(i > 0 && /^-[us]$/.test(rest[i - 1])));
  const ownConfig = services.find((s) => s.name === service)?.config;
  return { words, note, service, configs: forOwnService ? (ownConfig ? [ownConfig] : []) : configs, forOwnService };
}

/** Every recipe the lab's docker-compose.yml writes, in file order. */
export function recipesOf(lab: string): Recipe[] {
  const services = servicesOf(lab);
  const recipes: Recipe[] = [];
  let sectionConfigs: string[] = [];
  for (const line of joinContinuations(headerCommentOf(lab).split('\n')).map((l) => l.trim())) {
    const header = HEADER.exec(line);
    if (header) sectionConfigs = header[1].match(/[\w.-]+\.conf/g) ?? [];
    else if (RECIPE_START.test(line)) recipes.push(recipeOf(line, sectionConfigs, services));
  }
  return recipes;
}

/** The client options that reach a broker of this configuration: port, TLS, a demo user. */
function connectionOptions(lab: string, config: BrokerConfig): string[] {
  const listener = config.listeners.find((l) => l.protocol === 'mqtt');
  const port = listener && listener.port !== 1883 ? ['-p', String(listener.port)] : [];
  const tls = listener?.tls ? ['--cafile', config.cafile ?? `${CONFIG_DIR}/certs/ca.pem`] : [];
  const user = demoUsersOf(lab)[0];
  const login = user && (config.passwordFile || !config.anonymousAllowed) ? ['-u', user.user, '-P', user.password] : [];
  return ['-h', 'localhost', ...port, ...tls, ...login];
}

/** A subscriber to everything and a publisher, for a configuration the compose file has no lines for. */
export function genericRecipes(lab: string, config: string, service = 'broker'): Recipe[] {
  const options = connectionOptions(lab, brokerConfigOf(lab, config));
  const exec = ['docker', 'compose', 'exec', service];
  return [
    { words: [...exec, 'mosquitto_sub', ...options, '-t', '#', '-v'], note: 'every message (but $SYS/...)', service, configs: [config], forOwnService: false },
    { words: [...exec, 'mosquitto_pub', ...options, '-t', 'hello/world', '-m', 'hello'], note: '', service, configs: [config], forOwnService: false },
  ];
}

/**
 * The recipes for one broker started alone with `config`: the compose lines written for it, else
 * generic ones. Lines of the file's own services count only for the first service that runs this
 * configuration (lab 12's cloud.conf runs as cloud, primary and secondary: cloud's lines).
 */
export function recipesForBroker(lab: string, config: string): Recipe[] {
  const services = servicesOf(lab);
  const service = services.find((s) => s.config === config)?.name;
  // A line that talks to another broker of the topology (`-h hub` from the leaf) needs it running.
  const needsAnother = (r: Recipe) => r.words.some((word, i) => r.words[i - 1] === '-h' && word !== service && services.some((s) => s.name === word));
  const recipes = recipesOf(lab).filter((r) => r.configs.includes(config) && (!r.forOwnService || r.url || r.service === service) && !needsAnother(r));
  return recipes.length ? recipes : genericRecipes(lab, config, service);
}

/**
 * The recipes for every broker of the lab's docker-compose.yml started together: each service's
 * own lines; a broker started on another configuration than its `command:` names (lab 18's
 * broker on unreachable-service.conf, beside its auth service) gets that configuration's lines.
 */
export function recipesForTopology(lab: string, running: { service: string; config: string }[] = []): Recipe[] {
  const composed = servicesOf(lab);
  const swapped = running.filter((r) => composed.some((s) => s.name === r.service && s.config && s.config !== r.config));
  const own = recipesOf(lab).filter((r) => r.forOwnService && !swapped.some((s) => s.service === r.service));
  return [...own, ...swapped.flatMap((s) => recipesForBroker(lab, s.config))];
}

/**
 * A compose line as the docker command for a container:
 *   docker compose exec [-u x] hub mosquitto_sub ...  ->  docker exec -it [-u x] <container> mosquitto_sub ...
 *   docker compose stop hub                            ->  docker stop <container>   (also start, restart, kill [-s HUP])
 */
export function dockerWordsOf(recipe: Recipe, container: string): string[] {
  if (recipe.onHost) return recipe.words;
  const [, , verb, ...rest] = recipe.words;
  const at = rest.indexOf(recipe.service ?? '');
  if (!/^(exec|stop|start|restart|kill)$/.test(verb) || at < 0) throw new Error(`Not a line npm run broker can run: ${recipe.words.join(' ')}`);
  const options = rest.slice(0, at);
  return ['docker', verb, ...(verb === 'exec' ? ['-it'] : []), ...options, container, ...rest.slice(at + 1)];
}

/**
 * The users a dynamic security lab's lines log in as (lab 17): no users.txt, but the admin that
 * its mosquitto_ctrl lines log in as (-u, -P) and the clients they create
 * (`dynsec createClient <username> -p <password>`), who exist once those lines have run.
 */
export function dynsecUsersOf(lab: string): { user: string; password: string }[] {
  const users: { user: string; password: string }[] = [];
  for (const { words } of recipesOf(lab)) {
    const ctrl = words.indexOf('mosquitto_ctrl');
    if (ctrl < 0) continue;
    const after = (option: string, from: number) => (words.indexOf(option, from) < 0 ? undefined : words[words.indexOf(option, from) + 1]);
    const admin = after('-u', ctrl);
    const adminPassword = after('-P', ctrl);
    if (admin && adminPassword) users.push({ user: admin, password: adminPassword });
    const create = words.indexOf('createClient', ctrl);
    const password = create < 0 ? undefined : after('-p', create);
    if (create >= 0 && password) users.push({ user: words[create + 1]!, password });
  }
  return users;
}
