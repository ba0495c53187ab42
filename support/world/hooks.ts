/**
 * Scenario life cycle: check the machine once, then after each scenario undo everything it set
 * up, in the one order the World's teardown stack defines (apps, pages, clients, services,
 * brokers, network: support/world/teardown.ts). This is the only After hook that undoes
 * anything, so that order does not depend on which hook file cucumber loads first. Before it,
 * a failed scenario gets its evidence attached to the report: the broker logs, the packet
 * traces, the pages' screenshots and browser consoles (every scenario gets its sequence diagram
 * from support/report/diagram-hooks.ts); a client error that no step looked at fails it.
 */
import { After, AfterAll, Before, BeforeAll, setDefaultTimeout, Status } from '@cucumber/cucumber';
import { attachScreenshots } from '../clients/page-evidence';
import { attachFailureEvidence } from '../report/failure-evidence';
import { assertDockerAndImageReady, brokerImage, brokerVersion } from '../docker/preflight';
import { versionSkipReason } from '../brokers/version-tags';
import { closeBrokerPool, refuseNewBrokers, scenarioBegins, warmUpBrokerPool } from '../brokers/start-broker';
import { RUN_ID } from '../docker/labels';
import { LabWorld } from './world';
import { runConfig } from '../run/run-config';
import { removeWorker } from '../docker/cleanup';

// Every wait inside a step has its own, tighter bound; this only stops a step that hangs.
setDefaultTimeout(30_000);

BeforeAll(function () {
  // The runner (`npm test`) has checked already; cucumber started by hand has not.
  if (runConfig().checkedImage !== brokerImage()) assertDockerAndImageReady(brokerImage());
  warmUpBrokerPool();
});

After(async function (this: LabWorld, { result, pickle }) {
  const failed = result?.status === Status.FAILED;
  await attachScreenshots(this);
  if (failed) attachFailureEvidence(this);
  const unobserved = [...this.clients.values()].flatMap((c) => c.unobservedErrors().map((e) => `${c.name}: ${e.message}`));

  await this.tearDown();
  scenarioUnderWay = undefined;

  // The report must not show a scenario that Ctrl-C cut short as passed, or as not run.
  if (interrupted && interruptedDuring === pickle.id) {
    throw new Error(`Interrupted: ${interrupted === 'SIGINT' ? 'Ctrl-C (SIGINT)' : 'SIGTERM'} stopped the run while this scenario ran, so it did not finish. Its brokers were removed at once; the scenarios after it were not run.`);
  }
  if (unobserved.length > 0 && !failed) {
    throw new Error(`A client reported an error that no step expected:\n  ${unobserved.join('\n  ')}`);
  }
});

/**
 * `npm test` without workers runs cucumber in the runner's own process, and the runner removes
 * every container and network of the run by label as soon as cucumber ends (scripts/run-labs.ts
 * finish()): removing them here first, and listing what is left, only makes the learner wait.
 * Only the runner knows how many scenarios it planned; cucumber started by hand, and each
 * --parallel worker (another process), clean up after themselves.
 */
function runnerRemovesOurContainers(): boolean {
  const config = runConfig();
  return config.plannedScenarios !== undefined && config.runnerPid === process.pid && !process.env.CUCUMBER_WORKER_ID;
}

AfterAll(async function () {
  const leaveRemovalToRunner = runnerRemovesOurContainers();
  await closeBrokerPool({ leaveRemovalToRunner });
  if (leaveRemovalToRunner) return;
  // Normally nothing is left; this catches what a failing hook could not remove. Only this
  // process's containers: with --parallel, the other workers' brokers are still in use.
  removeWorker(RUN_ID, process.pid);
});

// Ctrl-C (SIGINT from the terminal reaches every process of the run) or SIGTERM: remove this
// process's containers at once, synchronously, and only this process's. The scenario under way
// then fails fast (its broker is gone), the ones after it are skipped, and cucumber ends the
// run normally, so the reports show what ran. A second signal stops the process right away;
// it cannot cut the clean-up short, which is done by then. With --parallel, the coordinating
// process runs no scenario and owns no container: it only waits for its workers to end.
let interrupted: NodeJS.Signals | undefined;
/** The scenario that runs now (its pickle id), and the one a signal cut short. */
let scenarioUnderWay: string | undefined;
let interruptedDuring: string | undefined;
const coordinatesWorkers = runConfig().parallel && !process.env.CUCUMBER_WORKER_ID;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    const exitCode = signal === 'SIGINT' ? 130 : 143;
    if (interrupted) process.exit(exitCode);
    interrupted = signal;
    interruptedDuring = scenarioUnderWay;
    if (coordinatesWorkers) return;
    refuseNewBrokers();
    removeWorker(RUN_ID, process.pid);
  });
}

Before(function (this: LabWorld, { pickle }) {
  this.pickleId = pickle.id;
  scenarioBegins();
  if (interrupted) return 'skipped';
  // A scenario tagged for other Mosquitto versions (@mosquitto>=2.0.12): skipped, saying why
  // (the console and the report show the log line).
  const otherVersion = versionSkipReason(pickle.tags.map((t) => t.name), brokerVersion());
  if (otherVersion) {
    this.log(otherVersion);
    return 'skipped';
  }
  scenarioUnderWay = pickle.id;
  return undefined;
});
