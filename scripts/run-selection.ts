// What a run selects: cucumber reads its own options and the lab paths (@cucumber/cucumber/api
// loadConfiguration, so `--tags @x` is never taken for a path), and the runner checks them
// before anything starts: a lab path that does not exist, or a `file.feature:LINE` outside
// every scenario, fails at once with the list to pick from (cucumber would run nothing and
// report success). loadSources gives the plan: which scenarios will run, after tags and lines.
import { existsSync, readdirSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { IPlannedPickle, IRunConfiguration, ISourcesCoordinates, loadConfiguration, loadSources } from '@cucumber/cucumber/api';
import { PROJECT_ROOT as ROOT } from '../support/world/paths';
import { scenarioLineAt } from './scenario-at-line';


/** A command line that cannot run: the message says what to type instead. */
export class SelectionError extends Error {}

export interface Selection {
  /** What runCucumber needs, with the paths made relative to the project root. */
  runConfiguration: IRunConfiguration;
  /** The user gave --parallel themselves. */
  parallelGiven: boolean;
  /** How many scenarios will run. */
  scenarios: number;
  /** The scenarios that will run, in cucumber's order (what `--shard` splits: scripts/run-shard.ts). */
  plan: IPlannedPickle[];
}

export function labsAvailable(): string[] {
  const dir = join(ROOT, 'features');
  return existsSync(dir) ? readdirSync(dir).filter((d) => /^lab\d\d$/.test(d)).sort() : [];
}

/**
 * A path must name an existing feature folder or file, from the project root or from the
 * folder `npm test` was typed in; cucumber gets it relative to the project root.
 */
function fromProjectRoot(arg: string): { path: string; lines: number[] } {
  const [, path, lines] = /^(.*?)((?::\d+)*)$/.exec(arg)!;
  const typedIn = process.env.INIT_CWD || process.cwd();
  const candidates = isAbsolute(path) ? [path] : [join(ROOT, path), resolve(typedIn, path)];
  const found = candidates.find((c) => existsSync(c) && !relative(ROOT, c).startsWith('..'));
  if (!found) throw new SelectionError(`There is no lab path "${arg}". Labs: ${labsAvailable().join(', ')} (run one with \`npm test -- features/lab03\`).`);
  return { path: relative(ROOT, found).split('\\').join('/') || '.', lines: lines ? lines.slice(1).split(':').map(Number) : [] };
}

/**
 * `file.feature:12`: line 12 may be any line of a scenario (VS Code passes the cursor's line);
 * it becomes the line cucumber selects: the scenario's, or the Examples row's. A line outside
 * every scenario (the description, a Background) fails with the list of scenarios.
 */
async function scenarioLines(sources: ISourcesCoordinates, path: string, lines: number[]): Promise<number[]> {
  if (!path.endsWith('.feature')) throw new SelectionError(`"${path}:${lines.join(':')}": a line number goes with a .feature file.`);
  const planned = async (paths: string[]) => (await loadSources({ ...sources, paths, tagExpression: '' }, { cwd: ROOT })).plan;
  const selected = lines.map((line) => scenarioLineAt(join(ROOT, path), line));
  const wrong: number[] = [];
  for (const [i, line] of selected.entries()) if (line === undefined || (await planned([`${path}:${line}`])).length === 0) wrong.push(lines[i]);
  if (wrong.length === 0) return [...new Set(selected as number[])];
  const list = (await planned([path])).map((s) => `  ${path}:${s.location.line}  ${s.name}`).join('\n');
  throw new SelectionError(`Line ${wrong.join(', ')} of ${path} is in no scenario. The scenarios:\n${list}`);
}

/** Reads cucumber's part of the command line and checks what it selects. */
export async function selectScenarios(cucumberArgs: string[], whenNoPath: string[]): Promise<Selection> {
  const { useConfiguration, runConfiguration } = await loadConfiguration({ provided: cucumberArgs }, { cwd: ROOT });
  const sources = runConfiguration.sources;
  const paths: string[] = [];
  for (const arg of useConfiguration.paths) {
    const { path, lines } = fromProjectRoot(arg);
    const selected = lines.length ? await scenarioLines(sources, path, lines) : [];
    paths.push(selected.length ? `${path}:${selected.join(':')}` : path);
  }
  sources.paths = paths.length ? paths : whenNoPath;
  const { plan } = await loadSources(sources, { cwd: ROOT });
  return { runConfiguration, parallelGiven: useConfiguration.parallel > 0, scenarios: plan.length, plan };
}
