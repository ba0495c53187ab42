// What `npm run broker` prints once its brokers run: where to connect from this machine, and the
// lab's recipes (scripts/recipes.ts) as `docker exec` lines quoted for the learner's shell.
import { BrokerToStart } from './broker-container';
import { defaultConfigOf, demoUsersOf, listenersOf, usesPasswordFile } from './lab-folders';
import { servicesOf } from './lab-topology';
import { Listener } from './mosquitto-config';
import { dockerWordsOf, Recipe, recipesForBroker, recipesForTopology } from './recipes';
import { quoteCommand, Shell, SHELL_NAMES, withNote } from './shell-quoting';

const scheme = (l: Partial<Listener>): string => (l.protocol === 'websockets' ? (l.tls ? 'wss' : 'ws') : l.tls ? 'mqtts' : 'mqtt');

/** The recipes as lines to paste; containerOf maps a recipe's service to its container. */
export function recipeLines(recipes: Recipe[], containerOf: (service: string | undefined) => string, shell: Shell): string[] {
  return recipes.map((recipe) => {
    if (recipe.url) return `    ${recipe.url}${recipe.note ? `   (${recipe.note})` : ''}`;
    return `    ${withNote(shell, quoteCommand(shell, dockerWordsOf(recipe, containerOf(recipe.service))), recipe.note)}`;
  });
}

/** `command` is how this broker was started (npm run broker -- lab13 mutual-tls.conf), to repeat with --shell. */
function pasteHeader(command: string, shell: Shell): string {
  const others = `${command} --shell sh|powershell|cmd`;
  return `  mosquitto_sub and mosquitto_pub run inside the broker's image; paste these into another terminal (${SHELL_NAMES[shell]}; for another shell: ${others}):`;
}

/** Where a single broker listens: published ports, and the ones inside the container only. */
function whereToConnect(listeners: Listener[]): string[] {
  const published = listeners.filter((l) => !l.loopbackOnly);
  const lines: string[] = [];
  if (listeners.length === 0) {
    lines.push('  This configuration has no listener line: Mosquitto is in "local only mode" and only clients inside the container (docker exec, below) reach it.');
  } else if (published.length) {
    const urls = published.map((l) => `${scheme(l)}://localhost:${l.port}`).join(', ');
    lines.push(`  Connect to ${urls} (MQTT Explorer, MQTT.js, ...): published on 127.0.0.1 only, not on your network.`);
  }
  for (const l of listeners.filter((l) => l.loopbackOnly)) {
    lines.push(`  Port ${l.port} listens on the container's own 127.0.0.1 only (not published): docker exec clients reach it.`);
  }
  return lines;
}

/** What a learner needs to play with one broker: where to connect, and commands to paste. */
export function printHowToConnect(lab: string, broker: BrokerToStart, shell: Shell, breakIt: string | undefined): void {
  const { name, config } = broker;
  const laidOver = breakIt ? ` with the files of brokers/${lab}/break-it/${breakIt.split('/')[1]}/ laid over` : '';
  const lines = ['', `The ${lab} broker is running: brokers/${lab}/${config}${laidOver} (container ${name}).`];
  lines.push(...whereToConnect(listenersOf(lab, config)));
  const command = `npm run broker -- ${lab}${config === defaultConfigOf(lab) ? '' : ` ${config}`}${breakIt ? ` --break-it ${breakIt}` : ''}`;
  lines.push(pasteHeader(command, shell), ...recipeLines(recipesForBroker(lab, config), () => name, shell));
  const users = usesPasswordFile(lab, config) ? demoUsersOf(lab) : [];
  if (users.length) lines.push(`  Demo users (brokers/${lab}/users.txt): ${users.map((u) => `${u.user} / ${u.password}`).join(', ')}`);
  const services = servicesOf(lab);
  if (services.length > 1) {
    lines.push(`  brokers/${lab}/docker-compose.yml defines ${services.length} brokers; this command starts one. For all of them: npm run broker -- ${lab}`);
  }
  lines.push(`  The broker's log follows. Ctrl-C stops the broker and removes its container.`, '');
  console.log(lines.join('\n'));
}

/** The same for every broker of a topology. */
export function printTopology(lab: string, brokers: BrokerToStart[], network: string, shell: Shell): void {
  const width = Math.max(...brokers.map((b) => b.service.length));
  // Lab 15 runs load balancers beside its brokers, lab 18 an auth service: they find each other by name too.
  const roles = brokers.map((b) => b.kind?.role ?? 'broker');
  const counted = [...new Set(roles)].map((role) => { const n = roles.filter((r) => r === role).length; return `${n} ${role}${n > 1 ? 's' : ''}`; });
  const what = brokers.some((b) => b.kind) ? `containers (${counted.join(', ')})` : 'brokers';
  const lines = ['', `The ${brokers.length} ${what} of ${lab} are running, on the Docker network ${network}, where each finds the others by service name (the bridges' \`address\` lines, the plugins' URLs):`];
  for (const { service, name, config, ports, kind } of brokers) {
    // A load balancer (lab 15) speaks MQTT on its kind's port; its other ports are web pages.
    const schemeOf = (port: number) => (kind ? (port === kind.defaultPort ? kind.defaultScheme : 'http') : scheme(listenersOf(lab, config).find((l) => l.port === port) ?? {}));
    const urls = ports.map(({ host, container }) => `${schemeOf(container)}://localhost:${host}`);
    lines.push(`  ${service.padEnd(width)}  ${urls.join(', ') || '(no port published)'}   brokers/${lab}/${config}, container ${name}${kind ? ` (the ${kind.role})` : ''}`);
  }
  lines.push('  Connect to those from this machine (MQTT Explorer, MQTT.js, ...): published on 127.0.0.1 only, not on your network.');
  const containerOf = (service: string | undefined): string => brokers.find((b) => b.service === service)?.name ?? `(no service ${service})`;
  lines.push(pasteHeader(`npm run broker -- ${lab}`, shell), ...recipeLines(recipesForTopology(lab, brokers), containerOf, shell));
  lines.push(`  The brokers' logs follow, each line after its broker's name. Ctrl-C stops them and removes their containers and the network.`, '');
  console.log(lines.join('\n'));
}
