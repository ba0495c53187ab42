/**
 * Lab 15 support: HAProxy's health checks, seen from HAProxy's side. It logs each change of a
 * server's state once ("Server mqtt_brokers/bravo is DOWN, reason: ..."), and its statistics page
 * shows the state now (support/services/haproxy-stats.ts). Where new clients land after a
 * change is read from the brokers' side (load-balancing.ts).
 */
import { faultsOf, lastFaultOf, LOSSES, RETURNS } from '../brokers/faults';
import { describeServers, haproxyServers, waitForServers } from '../services/haproxy-stats';
import { haproxy } from '../services/kinds/haproxy';
import type { Service } from '../services/service';
import { PROMPTLY_MS } from '../sync/waiting';
import type { LabWorld } from '../world/world';
import { balancerOf, HAPROXY_STATS_PORT } from './load-balancing';

/** The balancer, which must be HAProxy: open-source NGINX has no runtime view of its servers. */
function haproxyOf(world: LabWorld): Service {
  const balancer = balancerOf(world);
  if (balancer.kind !== haproxy) throw new Error(`This step reads HAProxy's statistics page; the load balancer runs ${balancer.description} (open-source NGINX has no such view)`);
  return balancer;
}

/**
 * Waits for HAProxy's own log line "Server mqtt_brokers/<broker> is DOWN" (or UP) caused by the
 * broker's latest loss (or return), at most `seconds` after it; resolves with the ms it took.
 * HAProxy logs each change of a server's state once, so the nth loss of a broker is its nth
 * DOWN line.
 */
export async function haproxyNoticed(world: LabWorld, broker: string, state: 'DOWN' | 'UP', seconds: number): Promise<number> {
  const balancer = haproxyOf(world);
  const faults = state === 'DOWN' ? LOSSES : RETURNS;
  const fault = lastFaultOf(world, broker, faults);
  const nth = faultsOf(world).filter((f) => f.broker === broker && faults.includes(f.fault)).length;
  const line = new RegExp(`Server mqtt_brokers/${broker} is ${state}`);
  const seen = () => balancer.logLines.filter((l) => line.test(l)).length >= nth;
  // A loss counts from the moment the kill or freeze began (the broker stops answering at once);
  // a return from the moment the broker was ready again (its start-up is not HAProxy's time).
  const since = state === 'DOWN' ? (fault.startedAt ?? fault.at) : fault.at;
  const deadline = since + seconds * 1000;
  // The check of the lines so far and the start of the wait happen in one synchronous turn.
  while (!seen() && Date.now() < deadline) await balancer.waitForLogLine(line, deadline - Date.now()).catch(() => undefined);
  if (!seen()) {
    const servers = await haproxyServers(balancer, HAPROXY_STATS_PORT);
    throw new Error(
      `HAProxy did not log "Server mqtt_brokers/${broker} is ${state}" within ${seconds} s after the ${broker} broker was ${fault.fault}; ` +
        `its statistics show ${describeServers(servers)}. Look at the health check (option tcp-check, tcp-check ..., inter/fall/rise) of brokers/${balancer.description}`,
    );
  }
  const tookMs = Date.now() - since;
  const said = balancer.logLines.filter((l) => line.test(l)).at(-1);
  world.log(`HAProxy logged the ${broker} broker ${state} ${tookMs} ms after it was ${fault.fault}: ${said}`);
  return tookMs;
}

/** HAProxy's statistics page agrees: the broker's row says UP or DOWN. */
export async function expectServerStatus(world: LabWorld, broker: string, state: 'DOWN' | 'UP'): Promise<void> {
  const servers = await waitForServers(haproxyOf(world), HAPROXY_STATS_PORT, `HAProxy's statistics show ${broker} ${state}`, PROMPTLY_MS, (all) =>
    all.some((s) => s.server === broker && s.status === state),
  );
  world.log(`HAProxy's statistics: ${describeServers(servers)}`);
}

/**
 * Waits until HAProxy's checks have passed often enough on every broker that each is at full
 * health: from there a broker goes DOWN after `fall` failed checks in a row, the steady state
 * the health-check scenarios measure (just after HAProxy starts, one failure is enough).
 */
export async function waitForFullHealth(world: LabWorld, timeoutMs: number): Promise<void> {
  const servers = await waitForServers(haproxyOf(world), HAPROXY_STATS_PORT, 'every broker passed its health checks', timeoutMs, (all) =>
    all.every((s) => s.health === s.fullHealth),
  );
  world.log(`HAProxy's statistics: ${describeServers(servers)}`);
}
