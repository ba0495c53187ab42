// Runs a lab's brokers for `npm run broker` until Ctrl-C: one broker, or every broker of the lab's
// docker-compose.yml on a network named after the lab, as Compose would start them (depends_on
// order, the ports and configurations the file gives). Each broker starts through the service
// layer the scenarios use (scripts/broker-container.ts); whatever happens, it removes what it made.
import { ScenarioNetwork, startScenarioNetwork } from '../support/docker/scenario-network';
import { mosquitto } from '../support/brokers/mosquitto';
import { haproxy } from '../support/services/kinds/haproxy';
import { nginx } from '../support/services/kinds/nginx';
import { authService } from '../support/services/kinds/auth-service';
import { breakItDir } from '../support/brokers/lab-files';
import { BrokerStartError, BrokerToStart, checkFilesExist, checkImage, makeRoomFor, startBrokerService } from './broker-container';
import { containerNameOf, networkNameOf } from './broker-names';
import { printHowToConnect, printTopology } from './broker-printout';
import { removeQuietly } from './docker-cli';
import { listenersOf, UsageError } from './lab-folders';
import { Service, servicesOf, startOrder } from './lab-topology';
import { LogFollower } from './log-follower';
import { Shell } from './shell-quoting';

export interface RunOptions {
  shell: Shell;
  /** A break-it exercise ("lab06/acl-wide-open") whose files are laid over the lab's. */
  breakIt: string | undefined;
}

/** What one `npm run broker` made, and how to remove it all, once, whatever ends the run. */
class Session {
  stopping = false;
  readonly logs: LogFollower[] = [];
  network: ScenarioNetwork | undefined;

  constructor(
    readonly brokers: BrokerToStart[],
    readonly networkName: string | undefined,
  ) {}

  /** By name with the docker CLI, synchronously: also a container still being made when Ctrl-C came. */
  removeAll(): void {
    this.stopping = true;
    this.logs.forEach((log) => log.stop());
    removeQuietly('container', this.brokers.map((b) => b.name));
    if (this.networkName) removeQuietly('network', [this.networkName]);
  }

  /** Ctrl-C (or a closed terminal) removes everything, says so and ends the process. */
  removeAllOnSignals(): void {
    const what = this.networkName
      ? `the brokers and removed their containers and the network ${this.networkName}`
      : `the broker and removed its container ${this.brokers[0].name}`;
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => {
        if (this.stopping) return;
        this.removeAll();
        console.log(`\nStopped ${what}.`);
        process.exit(0);
      });
    }
  }
}

function describe(lab: string, broker: BrokerToStart, topology: boolean): string {
  return topology ? `the ${broker.service} ${broker.kind?.role ?? 'broker'} of ${lab}` : `the ${lab} broker`;
}

/** Starts the brokers one after the other, each once the one before it runs; 0, or 1 when one failed. */
async function startEach(lab: string, session: Session, breakIt: string | undefined): Promise<number> {
  const { brokers, networkName } = session;
  const width = Math.max(...brokers.map((b) => b.service.length));
  for (const broker of brokers) {
    console.log(`Starting ${describe(lab, broker, !!networkName)} with brokers/${lab}/${broker.config} from ${(broker.kind ?? mosquitto).image()} ...`);
    try {
      const service = await startBrokerService(lab, broker, breakIt, session.network);
      session.logs.push(new LogFollower(service, broker.name, networkName ? `${broker.service.padEnd(width)} ` : '', () => session.stopping));
    } catch (error) {
      session.removeAll();
      if (!(error instanceof BrokerStartError)) throw error;
      const removed = networkName ? 'all the containers and the network' : 'its container';
      console.error(`\n${error.message}\nRemoved ${removed}.`);
      return 1;
    }
  }
  return 0;
}

/** The break-it folder of this lab (its files are laid over the lab's), or a UsageError. */
function checkBreakIt(lab: string, breakIt: string | undefined): void {
  if (!breakIt) return;
  if (breakIt.split('/')[0] !== lab) throw new UsageError(`The break-it exercise ${breakIt} is not one of ${lab}'s.`);
  try {
    breakItDir(lab, breakIt);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * Node stays up while we wait on Docker: testcontainers unrefs its log streams, so a wait on one
 * alone (a broker's log, a failed start's last lines) would let the process end in silence.
 */
async function keptRunning<T>(work: () => Promise<T>): Promise<T> {
  const keepRunning = setInterval(() => undefined, 60_000);
  try {
    return await work();
  } finally {
    clearInterval(keepRunning);
  }
}

/** Starts the brokers and follows their logs until Ctrl-C, or until they are removed from outside (--stop). */
function runBrokers(lab: string, session: Session, options: RunOptions, printReady: () => void): Promise<number> {
  return keptRunning(() => runUntilGone(lab, session, options, printReady));
}

async function runUntilGone(lab: string, session: Session, options: RunOptions, printReady: () => void): Promise<number> {
  new Set(session.brokers.map((broker) => (broker.kind ?? mosquitto).image())).forEach(checkImage);
  checkBreakIt(lab, options.breakIt);
  session.brokers.forEach((broker) => checkFilesExist(lab, broker));
  session.brokers.forEach((broker) => makeRoomFor('container', broker.name, lab));
  if (session.networkName) makeRoomFor('network', session.networkName, lab);
  session.removeAllOnSignals();
  if (session.networkName) session.network = await startScenarioNetwork(session.networkName);
  if ((await startEach(lab, session, options.breakIt)) !== 0) return 1;
  printReady();
  await Promise.all(session.logs.map((log) => log.gone));
  if (session.stopping) return 0;
  // Every container was removed from outside: `npm run broker -- <lab> --stop`, docker rm -f.
  session.removeAll();
  const them = session.networkName ? 'brokers were' : 'broker was';
  console.log(`\nThe ${them} removed from outside (npm run broker -- ${lab} --stop?); nothing of ${session.networkName ? 'them' : 'it'} is left.`);
  return 0;
}

/** One broker: the lab's default configuration or the one named, with the ports it listens on. */
export function runOne(lab: string, config: string, options: RunOptions): Promise<number> {
  const all = listenersOf(lab, config);
  const published = [...new Set(all.filter((l) => !l.loopbackOnly).map((l) => l.port))];
  const ports = (all.length ? published : [1883]).map((port) => ({ host: port, container: port }));
  // Files the compose file mounts besides the lab's folder (lab 11's page), for any of its services.
  const extraFiles = servicesOf(lab)
    .flatMap((s) => s.extraFiles)
    .filter((file, i, files) => files.findIndex((other) => other.target === file.target) === i);
  const broker: BrokerToStart = { service: 'broker', name: containerNameOf(lab), config, ports, extraFiles };
  return runBrokers(lab, new Session([broker], undefined), options, () => printHowToConnect(lab, broker, options.shell, options.breakIt));
}

/** Every broker of the lab's docker-compose.yml, on a network of their own named after the lab. */
export function runTopology(lab: string, services: Service[], options: RunOptions): Promise<number> {
  const network = networkNameOf(lab);
  const brokers = startOrder(services).map((s): BrokerToStart => {
    const config = s.config ?? s.balancer?.config ?? s.nodeApp?.envFile;
    if (!config) throw new UsageError(`The ${s.name} service of brokers/${lab}/docker-compose.yml names no .conf in its command.`);
    const kind = s.balancer ? (s.balancer.program === 'haproxy' ? haproxy : nginx) : s.nodeApp && authService;
    return { service: s.name, name: containerNameOf(lab, s.name), config, ports: s.ports, alias: s.name, extraFiles: s.extraFiles, kind };
  });
  return runBrokers(lab, new Session(brokers, network), options, () => printTopology(lab, brokers, network, options.shell));
}
