/**
 * Lab 18: the auth service. A small HTTP server that a Mosquitto plugin asks who may connect
 * and who may publish or subscribe where, with the contract of mosquitto-go-auth's HTTP
 * backend (so that plugin, or lab 18's mosquitto_http_auth, can sit in front of it unchanged):
 *
 *   POST /user       {"username","password","clientid"}        a known user, the right password?
 *   POST /superuser  {"username"}                               may this user do everything?
 *   POST /acl        {"username","clientid","topic","acc"}     acc 1 read, 2 write, 4 subscribe
 *
 * It answers 200 for yes and 403 for no: the plugin looks at the status only (any 2xx allows,
 * anything else denies). One line per decision on stdout.
 *
 *   npm run build
 *   node build/labs/lab18/auth-service.js
 *
 * Settings (environment variables; the defaults fit running it from the project folder):
 *   PORT        where it listens (default 8080)
 *   USERS_FILE  the users and their password hashes (default brokers/lab18/users.json)
 *   RULES_FILE  the access rules (default brokers/lab18/acl.json)
 *   AUTH_FAULT  off unless set: lab 18's chaos switch (fault-injection.ts)
 * SIGHUP reads USERS_FILE and RULES_FILE again without a restart; a file that does not read
 * keeps the old users and rules (and says so).
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { numberSetting, optionalSetting, textSetting } from '../shared/settings';
import { ACCESS_BY_NUMBER, AclRules } from './acl-rules';
import { describeFault, parseFault, withFault } from './fault-injection';
import { UserStore } from './user-store';

/** A question is a few hundred bytes; a bigger body is refused before it is parsed. */
const MAX_REQUEST_BYTES = 16 * 1024;

const port = numberSetting('PORT', 8080, 1);
const usersFile = textSetting('USERS_FILE', 'brokers/lab18/users.json');
const rulesFile = textSetting('RULES_FILE', 'brokers/lab18/acl.json');
const fault = parseFault(optionalSetting('AUTH_FAULT'));

let users = UserStore.fromFile(usersFile);
let rules = AclRules.fromFile(rulesFile);

/** One event, one line. JSON.stringify quotes a name with quotes or odd characters readably. */
function report(line: string): void {
  console.log(line);
}

class BadRequest extends Error {}

function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        reject(new BadRequest(`body longer than ${MAX_REQUEST_BYTES} bytes`));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => {
      try {
        const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not a JSON object');
        resolve(value as Record<string, unknown>);
      } catch (error) {
        reject(new BadRequest(`body is not a JSON object (${(error as Error).message})`));
      }
    });
    request.on('error', reject);
  });
}

function text(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string') throw new BadRequest(`"${name}" must be a string`);
  return value;
}

/** The three questions. Each returns true (200) or false (403). */
async function decide(path: string, body: Record<string, unknown>): Promise<boolean> {
  switch (path) {
    case '/user': {
      const username = text(body, 'username');
      const ok = await users.checkPassword(username, text(body, 'password'));
      report(`user ${JSON.stringify(username)} (client ${JSON.stringify(body['clientid'])}): ${ok ? 'allowed' : 'denied, unknown user or wrong password'}`);
      return ok;
    }
    case '/superuser': {
      const username = text(body, 'username');
      const ok = users.isSuperuser(username);
      report(`superuser ${JSON.stringify(username)}: ${ok ? 'yes' : 'no'}`);
      return ok;
    }
    case '/acl': {
      const username = text(body, 'username');
      const topic = text(body, 'topic');
      const access = ACCESS_BY_NUMBER[Number(body['acc'])];
      if (!access) throw new BadRequest(`"acc" must be 1 (read), 2 (write) or 4 (subscribe), not ${JSON.stringify(body['acc'])}`);
      const ok = rules.allows(username, topic, access);
      report(`acl ${JSON.stringify(username)} ${access} ${JSON.stringify(topic)}: ${ok ? 'allowed' : 'denied'}`);
      return ok;
    }
    default:
      throw new NotFound(path);
  }
}

class NotFound extends Error {}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://auth').pathname;
  try {
    if (request.method !== 'POST') throw new BadRequest(`${request.method} is not POST`);
    const allowed = await decide(path, await readJson(request));
    response.writeHead(allowed ? 200 : 403, { 'Content-Type': 'text/plain' }).end(allowed ? 'ok\n' : 'denied\n');
  } catch (error) {
    // A question we cannot answer is a "no" too: 4xx for a bad question, 500 for our own fault.
    const status = error instanceof NotFound ? 404 : error instanceof BadRequest ? 400 : 500;
    report(`${request.method} ${path}: HTTP ${status} (${(error as Error).message})`);
    if (!response.headersSent) response.writeHead(status, { 'Content-Type': 'text/plain' });
    response.end(`${(error as Error).message}\n`);
  }
}

const listener = (request: IncomingMessage, response: ServerResponse): void => void handle(request, response);
const server = createServer(fault ? withFault(fault, listener) : listener);
// The plugin keeps its connection open between questions; keep ours open longer than its pauses.
server.keepAliveTimeout = 60_000;

process.on('SIGHUP', () => {
  try {
    users = UserStore.fromFile(usersFile);
    rules = AclRules.fromFile(rulesFile);
    report(`reloaded: ${users.size} users, ${rules.rules.length} rules`);
  } catch (error) {
    report(`reload failed, keeping the old users and rules: ${(error as Error).message}`);
  }
});
// Stop on SIGTERM (docker stop) and Ctrl-C: close the listener, then exit.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    report(`${signal}: stopping`);
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}

if (fault) report(`FAULT INJECTION ON (AUTH_FAULT=${optionalSetting('AUTH_FAULT')}): ${describeFault(fault)}`);
// Ready (the line the scenarios wait for) only after the first, slowest hash is done.
void users.warmUp().then(() => server.listen(port, () => report(`auth service listening on port ${port}: ${users.size} users from ${usersFile}, ${rules.rules.length} rules from ${rulesFile}`)));
