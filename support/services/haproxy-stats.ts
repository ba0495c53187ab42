/**
 * HAProxy's own view of its servers, from its statistics page in CSV (`stats uri /stats` in
 * brokers/lab15/haproxy*.cfg; `<page>;csv`): one row per server with its status (UP, DOWN,
 * "DOWN 1/2" while a check is failing, NOLB, MAINT) and its current sessions. Lab 15 shows it
 * beside what the brokers themselves say.
 */
import type { Service } from './service';
import { WaitTimeout } from '../sync/waiting';

export interface ServerState {
  /** The `server` name of the backend: alpha, bravo, charlie. */
  server: string;
  /** UP, DOWN, "UP 1/2" (going down), "DOWN 1/2" (coming back), MAINT, no check. */
  status: string;
  /** Connections through HAProxy to this server now (scur). */
  sessions: number;
  /**
   * The check's counter (check_health), 0 to rise + fall - 1: UP from `rise` on. A server starts
   * at `rise`, just UP, so one failed check takes it down until it has passed `fall - 1` more.
   */
  health: number;
  /** Its best health, rise + fall - 1: from there it takes `fall` failed checks to go DOWN. */
  fullHealth: number;
}

/** Every server of `backend` as HAProxy's statistics page shows it now. */
export async function haproxyServers(balancer: Service, statsPort: number, backend = 'mqtt_brokers'): Promise<ServerState[]> {
  const response = await fetch(`${balancer.url(statsPort, 'http')}/stats;csv`);
  if (!response.ok) throw new Error(`HAProxy's statistics page answered HTTP ${response.status}: is \`stats uri /stats\` on its port ${statsPort}?`);
  const [header, ...rows] = (await response.text()).trim().split('\n');
  const columns = header.replace(/^# /, '').split(',');
  const column = (row: string[], name: string) => row[columns.indexOf(name)];
  return rows
    .map((line) => line.split(','))
    .filter((row) => column(row, 'pxname') === backend && !['FRONTEND', 'BACKEND'].includes(column(row, 'svname')))
    .map((row) => ({
      server: column(row, 'svname'),
      status: column(row, 'status'),
      sessions: Number(column(row, 'scur')),
      health: Number(column(row, 'check_health')),
      fullHealth: Number(column(row, 'check_rise')) + Number(column(row, 'check_fall')) - 1,
    }));
}

/** The servers, as one line for messages: "alpha UP (1 session), bravo DOWN (0 sessions)". */
export function describeServers(servers: ServerState[]): string {
  return servers.map((s) => `${s.server} ${s.status} (${s.sessions} session${s.sessions === 1 ? '' : 's'})`).join(', ');
}

/**
 * Polls the statistics page (every 100 ms, HAProxy answers in ~1 ms) until `holds` is true of
 * the servers, at most `timeoutMs`; resolves with them. The page is the runtime view: polling
 * it is what an operator's dashboard does.
 */
export async function waitForServers(
  balancer: Service,
  statsPort: number,
  description: string,
  timeoutMs: number,
  holds: (servers: ServerState[]) => boolean,
): Promise<ServerState[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const servers = await haproxyServers(balancer, statsPort);
    if (holds(servers)) return servers;
    if (Date.now() > deadline) throw new WaitTimeout(`No sign within ${timeoutMs} ms that ${description}: HAProxy's statistics show ${describeServers(servers)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
