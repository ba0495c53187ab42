// `npm run check:vscode`: the VS Code files in .vscode/ still fit the project. No Docker needed.
//
// Fails when a task or launch configuration names an npm script or a file that does not exist,
// uses an ${input:...} that is not defined, when the break-it picker's list and the exercises in
// brokers/labNN/break-it/ differ, or when the Cucumber extension's settings match no file.
// `npm run check:vscode -- --fix` rewrites the break-it picker's list from the folders on disk.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
const VSCODE = join(ROOT, '.vscode');
const problems: string[] = [];

/** The parts of tasks.json and launch.json this check reads. */
interface Input {
  id: string;
  options?: string[];
}
interface Task {
  label: string;
  type?: string;
  script?: string;
  command?: string;
  args?: string[];
  dependsOn?: string | string[];
}
interface LaunchConfiguration {
  name: string;
  program?: string;
  runtimeExecutable?: string;
  runtimeArgs?: string[];
}

/** The parsed file (its shape is checked field by field where it is read), or undefined. */
function readJson(name: string): any {
  const file = join(VSCODE, name);
  if (!existsSync(file)) {
    problems.push(`.vscode/${name} is missing`);
    return undefined;
  }
  try {
    // Plain JSON on purpose (no comments): this check and --fix can read and write it.
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`.vscode/${name} is not valid JSON: ${(error as Error).message}`);
    return undefined;
  }
}

const npmScripts: Record<string, string> = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts ?? {};
/** Scripts npm runs without `run`: `npm test`, `npm start`, ... */
const NPM_SHORTCUTS = new Set(['test', 'start', 'stop', 'restart']);

/** A project file named in a task: relative to the project, or under ${workspaceFolder}. */
function checkPath(where: string, path: string): void {
  const relativePath = path.replace(/^\$\{workspaceFolder\}[/\\]?/, '');
  if (/\$\{/.test(relativePath)) return; // ${relativeFile} and friends: known only in the editor
  if (!existsSync(join(ROOT, relativePath))) problems.push(`${where} names "${path}", which does not exist`);
}

/**
 * `npm run X ...`, `npm test ...`, `node [-r module] scripts/x.ts ...` as a task or launch
 * configuration runs them.
 */
function checkCommand(where: string, command: string, args: string[] = []): void {
  if (command === 'npm') {
    const [first, second] = args;
    const script = first === 'run' || first === 'run-script' ? second : NPM_SHORTCUTS.has(first) ? first : undefined;
    if (script === undefined) problems.push(`${where} runs "npm ${args.join(' ')}": expected \`npm run <script>\` or \`npm test\``);
    else if (!(script in npmScripts)) problems.push(`${where} runs the npm script "${script}", which package.json does not define`);
  } else if (command === 'node') {
    // `-r ts-node/register` (a module to preload) comes before the script.
    const script = args.find((arg, i) => !arg.startsWith('-') && args[i - 1] !== '-r' && args[i - 1] !== '--require');
    if (!script) problems.push(`${where} runs node without a script`);
    else checkPath(where, script);
  } else {
    problems.push(`${where} runs "${command}": tasks here run npm scripts or node scripts/*.js, so this check can follow them`);
  }
}

function inputsUsed(value: unknown): string[] {
  return [...JSON.stringify(value).matchAll(/\$\{input:([\w-]+)\}/g)].map((m) => m[1]);
}

function breakItExercisesOnDisk(): string[] {
  const brokers = join(ROOT, 'brokers');
  return readdirSync(brokers)
    .filter((lab) => /^lab\d\d$/.test(lab) && existsSync(join(brokers, lab, 'break-it')))
    .flatMap((lab) =>
      readdirSync(join(brokers, lab, 'break-it'))
        .filter((name) => statSync(join(brokers, lab, 'break-it', name)).isDirectory())
        .map((name) => `${lab}/${name}`),
    )
    .sort();
}

function checkTasks(fix: boolean): void {
  const tasks = readJson('tasks.json');
  if (!tasks) return;
  const inputs = new Map<string, Input>((tasks.inputs ?? []).map((input: Input) => [input.id, input]));
  const labels = new Set((tasks.tasks ?? []).map((t: Task) => t.label));
  for (const task of (tasks.tasks ?? []) as Task[]) {
    const where = `The task "${task.label}"`;
    if (task.type === 'npm') {
      if (!task.script || !(task.script in npmScripts)) problems.push(`${where} runs the npm script "${task.script}", which package.json does not define`);
    } else if (task.command) {
      checkCommand(where, task.command, task.args);
    }
    for (const id of inputsUsed(task)) if (!inputs.has(id)) problems.push(`${where} uses \${input:${id}}, which "inputs" does not define`);
    for (const dependency of [task.dependsOn ?? []].flat()) if (!labels.has(dependency)) problems.push(`${where} depends on "${dependency}", which is no task`);
  }

  // The break-it picker: every exercise it offers exists, and it offers every exercise.
  const picker = inputs.get('breakItExercise');
  if (!picker) {
    problems.push('tasks.json has no "breakItExercise" input for the break-it task');
    return;
  }
  const onDisk = breakItExercisesOnDisk();
  if (fix) {
    picker.options = onDisk;
    writeFileSync(join(VSCODE, 'tasks.json'), `${JSON.stringify(tasks, null, 2)}\n`);
    console.log(`.vscode/tasks.json: the break-it picker now lists the ${onDisk.length} exercises of brokers/*/break-it/.`);
    return;
  }
  const offered = picker.options ?? [];
  for (const exercise of offered) {
    const [lab, name] = String(exercise).split('/');
    if (!existsSync(join(ROOT, 'brokers', lab ?? '', 'break-it', name ?? '', 'EXPECTED-FAILURES'))) {
      problems.push(`The break-it picker offers "${exercise}", but brokers/${lab}/break-it/${name}/EXPECTED-FAILURES does not exist`);
    }
  }
  const missing = onDisk.filter((exercise) => !offered.includes(exercise));
  if (missing.length) problems.push(`The break-it picker does not offer ${missing.join(', ')} (run \`npm run check:vscode -- --fix\`)`);
}

function checkLaunch(): void {
  const launch = readJson('launch.json');
  for (const config of (launch?.configurations ?? []) as LaunchConfiguration[]) {
    const where = `The launch configuration "${config.name}"`;
    if (config.program) checkPath(where, config.program);
    if (config.runtimeExecutable === 'npm') checkCommand(where, 'npm', config.runtimeArgs);
    if (inputsUsed(config).length && !(launch.inputs ?? []).length) problems.push(`${where} uses inputs that launch.json does not define`);
  }
}

// Does at least one file match this glob (steps/**/*.ts, features/**/*.feature)?
function globMatchesSomething(glob: string): boolean {
  const source = glob
    .split(/(\*\*\/|\*)/)
    .map((part) => (part === '**/' ? '(?:.*/)?' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const pattern = new RegExp(`^${source}$`);
  const walk = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((entry) => {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) return false;
      const path = join(dir, entry.name);
      return entry.isDirectory() ? walk(path) : pattern.test(relative(ROOT, path).split('\\').join('/'));
    });
  return walk(ROOT);
}

function checkCucumberExtension(): void {
  const extensions = readJson('extensions.json');
  if (extensions && !(extensions.recommendations ?? []).includes('CucumberOpen.cucumber-official')) {
    problems.push('.vscode/extensions.json does not recommend the official Cucumber extension (CucumberOpen.cucumber-official)');
  }
  const settings = readJson('settings.json');
  if (!settings) return;
  for (const key of ['cucumber.features', 'cucumber.glue']) {
    const globs = settings[key];
    if (!Array.isArray(globs) || globs.length === 0) {
      problems.push(`.vscode/settings.json has no "${key}" list: "go to step definition" needs it`);
      continue;
    }
    for (const glob of globs) if (!globMatchesSomething(glob)) problems.push(`.vscode/settings.json: "${key}" has "${glob}", which matches no file`);
  }
}

const fix = process.argv.includes('--fix');
checkTasks(fix);
checkLaunch();
checkCucumberExtension();
if (problems.length) {
  console.error(`The VS Code files do not fit the project:\n  - ${problems.join('\n  - ')}`);
  process.exit(1);
}
console.log('.vscode/: every task and launch configuration names an existing npm script or file; the break-it picker lists every exercise; the Cucumber settings match the features and steps.');
