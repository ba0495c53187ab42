// Runs a lab's brokers for `npm run broker` until Ctrl-C: one broker, or every broker of the lab's
// docker-compose.yml on a network of their own, as Compose would start them (depends_on order,
// the ports and configurations the file gives). Whatever happens, it removes what it made.
import { BrokerToStart, checkFilesExist, checkImage, makeRoomFor, startContainer } from './broker-container';
import { containerNameOf, networkNameOf } from './broker-names';
import { printHowToConnect, printTopology } from './broker-printout';
import { docker, labelOptions, removeQuietly, stateOf } from './docker-cli';
import { brokerImage, breakItFolder, listenersOf, UsageError } from './lab-folders';
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

  constructor(
    readonly brokers: BrokerToStart[],
    readonly network: string | undefined,
  ) {}

  removeAll(): void {
    this.stopping = true;
    this.logs.forEach((log) => log.stop());
    removeQuietly('container', this.brokers.map((b) => b.name));
    if (this.network) removeQuietly('network', [this.network]);
  }

  /** Ctrl-C (or a closed terminal) removes everything, says so and ends the process. */
  removeAllOnSignals(): void {
    const what = this.network
      ? `the brokers and removed their containers and the network ${this.network}`
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

function describe(lab: string, broker: BrokerToStart, network: string | undefined): string {
  return network ? `the ${broker.service} broker of ${lab}` : `the ${lab} broker`;
}

/** A broker that exited before its "running" line, or never said it: why, then everything is removed. */
function reportFailure(lab: string, session: Session, broker: BrokerToStart, outcome: string, log: LogFollower): number {
  const code = stateOf(broker.name)?.code;
  session.removeAll();
  const label = describe(lab, broker, session.network);
  const Label = label[0].toUpperCase() + label.slice(1);
  const removed = session.network ? 'all the containers and the network' : 'its container';
  if (outcome === 'timeout') {
    console.error(`\n${Label} did not log "mosquitto version ... running" within ${LogFollower.startupTimeoutSeconds} s; removed ${removed}.`);
  } else {
    const said = log.errors.join(' ') || '(no error line, see its log above)';
    console.error(`\n${Label} did not start (exit code ${code}). Mosquitto said: ${said}\nCheck brokers/${lab}/${broker.config}; removed ${removed}.`);
  }
  return 1;
}

/** Starts the brokers one after the other, each once the one before it runs; 0, or 1 when one failed. */
async function startEach(lab: string, session: Session, image: string, breakIt: string | undefined): Promise<number> {
  const { brokers, network } = session;
  const width = Math.max(...brokers.map((b) => b.service.length));
  for (const broker of brokers) {
    console.log(`Starting ${describe(lab, broker, network)} with brokers/${lab}/${broker.config} from ${image} ...`);
    try {
      startContainer(lab, broker, image, breakIt);
    } catch (error) {
      session.removeAll();
      throw error;
    }
    const log = new LogFollower(broker.name, network ? `${broker.service.padEnd(width)} ` : '', () => session.stopping);
    session.logs.push(log);
    const outcome = await log.startup();
    if (outcome !== 'ready') return reportFailure(lab, session, broker, outcome, log);
  }
  return 0;
}

/** Starts the brokers and follows their logs until Ctrl-C, or until they are removed from outside (--stop). */
async function runBrokers(lab: string, session: Session, options: RunOptions, printReady: () => void): Promise<number> {
  const image = brokerImage();
  checkImage(image);
  const breakIt = options.breakIt ? breakItFolder(lab, options.breakIt) : undefined;
  session.brokers.forEach((broker) => checkFilesExist(lab, broker));
  session.brokers.forEach((broker) => makeRoomFor('container', broker.name, lab));
  if (session.network) makeRoomFor('network', session.network, lab);
  session.removeAllOnSignals();
  if (session.network) docker(['network', 'create', ...labelOptions(), session.network]);
  if ((await startEach(lab, session, image, breakIt)) !== 0) return 1;
  printReady();
  await Promise.all(session.logs.map((log) => log.gone));
  if (session.stopping) return 0;
  // Every container was removed from outside: `npm run broker -- <lab> --stop`, docker rm -f.
  session.removeAll();
  const them = session.network ? 'brokers were' : 'broker was';
  console.log(`\nThe ${them} removed from outside (npm run broker -- ${lab} --stop?); nothing of ${session.network ? 'them' : 'it'} is left.`);
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

/** Every broker of the lab's docker-compose.yml, on a network of their own. */
export function runTopology(lab: string, services: Service[], options: RunOptions): Promise<number> {
  const network = networkNameOf(lab);
  const brokers = startOrder(services).map((s): BrokerToStart => {
    if (!s.config) throw new UsageError(`The ${s.name} service of brokers/${lab}/docker-compose.yml names no .conf in its command.`);
    return { service: s.name, name: containerNameOf(lab, s.name), config: s.config, ports: s.ports, network, alias: s.name, extraFiles: s.extraFiles };
  });
  return runBrokers(lab, new Session(brokers, network), options, () => printTopology(lab, brokers, network, options.shell));
}
