// `npm test [-- features/labNN[/file.feature[:line]]] [--plain] [--image NAME | --mosquitto 2.0.11]
//  [--version-tagged] [--no-diagrams] [--stack] [--chromium PATH] [--shard I/N] [cucumber options]`,
//  `npm run break-it -- labNN/<exercise>`
//
// Runs cucumber in this process (@cucumber/cucumber/api), after it:
//  - checks the lab paths, Docker and the broker image first, with errors that say what to do;
//  - builds the run configuration (support/run/run-config.ts) every process of the run reads:
//    its id labels every container it starts, so the run's containers and networks are removed
//    when cucumber ends, however it ends (a pass, a failure, a crash or Ctrl-C); leftovers of
//    earlier runs whose process is gone are removed while cucumber loads;
//  - runs big selections on several cucumber workers (each with its own pool of brokers), or with
//    --plain on one worker with a new container per broker;
//  - for a break-it exercise, runs the lab against the broken broker files and checks that
//    exactly the scenarios listed in its EXPECTED-FAILURES file fail.
// In this process rather than a child one: one Node start and one load of cucumber, not two.
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { runCucumber } from '@cucumber/cucumber/api';
import { describeRemoval, removeAbandonedSoon, removeRun } from '../support/docker/cleanup';
import { assertDockerAndImageReady, brokerImage, imageOfVersion, mosquittoVersionOf, SetupError } from '../support/docker/preflight';
import { handDown, runConfig, RunConfig } from '../support/run/run-config';
import { versionTaggedExpression } from '../support/brokers/version-tags';
import { BreakItPlan, breakItPlan, judgeBreakIt } from './break-it';
import { addDiagramsToReport } from './report-diagrams';
import { readCommandLine, RunnerOptions } from './run-options';
import { newRunReportDir, pointLatestAt } from './run-reports';
import { PROJECT_ROOT as ROOT } from '../support/world/paths';
import { Selection, SelectionError, selectScenarios } from './run-selection';
import { imageTag } from '../support/images/catalogue';
import { imagesOfFeatures } from '../support/images/lab-images';
import { parseShard, selectShard } from './run-shard';

/**
 * Every worker loads the support code (about a second of CPU) and competes for the cores: one
 * lab runs fastest on one worker (lab02: 8.4 s on one, 10.0 s on two, 13.5 s on three, here),
 * a run of several labs gains from the time others spend waiting on protocol timers, with a few
 * more workers than cores.
 */
const PARALLEL_FROM_SCENARIOS = 40;
/**
 * A break-it run's failing scenarios spend their time waiting out bounds for things that never
 * come (a message that does not cross a bridge: up to 12 s each), on timers, not on the CPU:
 * workers pay off from a few scenarios on (lab09/direction-flipped: 87 s on one worker).
 */
const PARALLEL_BREAK_IT_FROM_SCENARIOS = 10;
const defaultWorkers = () => Math.max(2, Math.min(4, cpus().length + 1));

interface Plan {
  options: RunnerOptions;
  breakIt?: BreakItPlan;
  selection: Selection;
}

function fail(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(2);
}

/** Reads the command line and checks what it selects; a mistake ends the run at once. */
async function plan(args: string[]): Promise<Plan> {
  const { options, cucumberArgs } = readCommandLine(args);
  if (options.versionTagged) cucumberArgs.push('--tags', versionTaggedTags());
  const breakIt = options.breakIt ? breakItPlan(options.breakIt) : undefined;
  if (breakIt && options.shard) throw new SelectionError('--shard splits a run of labs; a break-it exercise runs whole (it judges every scenario of its lab).');
  const selected = await selectScenarios(cucumberArgs, breakIt ? [`features/${breakIt.lab}`] : ['features']);
  const selection = options.shard ? selectShard(selected, parseShard(options.shard)) : selected;
  const runtime = selection.runConfiguration.runtime;
  if (options.plain || runConfig().plain) runtime.parallel = 0; // --plain, or MQTT_LABS_PLAIN=1
  else if (!selection.parallelGiven && selection.scenarios >= (breakIt ? PARALLEL_BREAK_IT_FROM_SCENARIOS : PARALLEL_FROM_SCENARIOS)) runtime.parallel = defaultWorkers();
  return { options, breakIt, selection };
}

/** The run configuration every process of the run reads (the run id was made at start-up). */
function configure({ options, breakIt, selection }: Plan): RunConfig {
  const base = runConfig();
  return {
    ...base,
    reportDir: breakIt?.reportDir ?? options.reportDir ?? newRunReportDir(),
    plain: options.plain || base.plain,
    parallel: selection.runConfiguration.runtime.parallel > 0,
    image: brokerImageOption(options) ?? base.image,
    breakIt: breakIt?.exercise,
    timingsFile: options.timings && resolve(ROOT, options.timings),
    diagrams: !options.noDiagrams && base.diagrams,
    stack: options.stack || base.stack,
    chromium: options.chromium ?? base.chromium,
    plannedScenarios: selection.scenarios,
  };
}

/** `--version-tagged`: a tag expression naming every version tag the features use. */
function versionTaggedTags(): string {
  const features = readdirSync(join(ROOT, 'features'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.feature'));
  const expression = versionTaggedExpression(features.map((f) => readFileSync(join(ROOT, 'features', f), 'utf8')));
  if (!expression) throw new SelectionError('--version-tagged: no scenario carries a Mosquitto version tag (@mosquitto>=x.y.z).');
  return expression;
}

/** `--mosquitto 2.0.11` names a catalogue image by its version; `--image` names any image. */
function brokerImageOption(options: RunnerOptions): string | undefined {
  if (options.mosquitto && options.image) throw new SetupError('Give --mosquitto (a version of the catalogue) or --image (any image), not both.');
  return options.mosquitto ? imageOfVersion(options.mosquitto) : options.image;
}

/** Docker reachable and the images there (the broker's, and those the selected labs run): the broker image's name. */
function prepareDocker(selection: Selection): string {
  assertDockerAndImageReady();
  for (const name of imagesOfFeatures(selection.plan.map((pickle) => pickle.uri))) assertDockerAndImageReady(imageTag(name));
  return brokerImage();
}

/**
 * The leftovers of dead runs go while cucumber loads (they are in no one's way, and the run
 * does not depend on their removal: best effort).
 */
function removeLeftoversOfDeadRuns(): Promise<unknown> {
  return removeAbandonedSoon().catch(() => undefined);
}

/**
 * Ctrl-C in a terminal reaches every process of the group, cucumber's workers included; the
 * hooks (support/world/hooks.ts) of each process remove its containers and skip the scenarios
 * left, so cucumber ends the run normally and writes its reports. The runner only remembers it.
 * SIGTERM reaches only this process: with workers, it removes the whole run's containers.
 */
function watchSignals(config: RunConfig): () => NodeJS.Signals | undefined {
  let interrupted: NodeJS.Signals | undefined;
  process.on('SIGINT', () => (interrupted ??= 'SIGINT'));
  process.on('SIGTERM', () => {
    interrupted ??= 'SIGTERM';
    if (config.parallel) removeRun(config.runId);
  });
  return () => interrupted;
}

/**
 * One worker (the runner's own process): the first broker container starts now, while cucumber
 * loads the support code, instead of after (container start and code loading take about as
 * long). The pool is the one the support code uses: this process loads each module once.
 */
function startFirstBrokerEarly(config: RunConfig, dryRun: boolean): void {
  if (config.plain || config.parallel || dryRun) return;
  // Required here, not imported above: a run with workers, or a mistake, never loads it.
  const { warmUpBrokerPool } = require('../support/brokers/start-broker') as typeof import('../support/brokers/start-broker');
  warmUpBrokerPool();
}

/** After cucumber, however it ended: the run's containers go, the report gets its diagrams. */
function finish(config: RunConfig, breakIt: BreakItPlan | undefined, fromUser: boolean): void {
  try {
    const removed = removeRun(config.runId);
    // Without workers, cucumber ran in this process and its hooks left the pool's containers
    // for this removal (support/world/hooks.ts): only what Docker refused is news then.
    const leftOnPurpose = config.parallel ? 0 : removed.containers + removed.networks;
    if (removed.containers + removed.networks + removed.notRemoved.length > leftOnPurpose) console.log(describeRemoval(removed, 'this run left behind'));
  } catch (error) {
    console.error(`Could not remove this run's containers: ${(error as Error).message.split('\n')[0]}`);
  }
  try {
    if (config.diagrams) addDiagramsToReport(resolve(ROOT, config.reportDir));
  } catch (error) {
    console.error(`The report will show the sequence diagrams as text: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!breakIt && !fromUser) pointLatestAt(config.reportDir);
}

/** The report files of cucumber.js's profile, written into the run's own report folder. */
function reportFiles(files: Record<string, string>, reportDir: string): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([file, format]) => [file.replace(/^(\.\/)?reports(?=\/)/, reportDir), format]));
}

/** Everything before cucumber starts: a mistake or a machine that is not ready ends the run here. */
async function prepare(args: string[]): Promise<{ runPlan: Plan; config: RunConfig }> {
  try {
    const runPlan = await plan(args);
    const config = configure(runPlan);
    handDown(config); // --image, before the image is checked
    config.checkedImage = prepareDocker(runPlan.selection);
    config.mosquittoVersion = runPlan.options.mosquitto ?? mosquittoVersionOf(config.checkedImage);
    handDown(config);
    return { runPlan, config };
  } catch (error) {
    if (error instanceof SelectionError || error instanceof SetupError) fail(error.message);
    throw error;
  }
}

export async function runLabs(args: string[]): Promise<never> {
  const { runPlan, config } = await prepare(args);
  const { breakIt, selection } = runPlan;
  if (breakIt) console.log(`Break-it exercise ${breakIt.exercise}: the lab runs with brokers/${breakIt.lab}/break-it/${breakIt.exercise.split('/')[1]}/ laid over its broker files.`);
  const interrupted = watchSignals(config);
  const cucumber = selection.runConfiguration;
  startFirstBrokerEarly(config, cucumber.runtime.dryRun);
  const leftoversRemoved = removeLeftoversOfDeadRuns();
  cucumber.formats.files = reportFiles(cucumber.formats.files, config.reportDir);
  let success = false;
  try {
    success = (await runCucumber(cucumber, { cwd: ROOT })).success;
  } catch (error) {
    console.error(error); // cucumber could not run (a step file that does not compile, ...)
  }
  finish(config, breakIt, runPlan.options.reportDir !== undefined);
  await leftoversRemoved;
  const ended = interrupted();
  if (ended) {
    console.log(`\nInterrupted by ${ended === 'SIGINT' ? 'Ctrl-C (SIGINT)' : 'SIGTERM'}: the scenario under way is reported as failed ("Interrupted"), the rest as not run; the run's containers are removed.`);
    process.exit(ended === 'SIGTERM' ? 143 : 130);
  }
  process.exit(breakIt ? judgeBreakIt(breakIt) : success ? 0 : 1);
}

if (require.main === module) void runLabs(process.argv.slice(2));
