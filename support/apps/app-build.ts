/**
 * Built apps for the scenarios: where `npm run build` puts an app, whether that is older than
 * its source, and building it when it is (`tsc -b tsconfig.build.json`, what `npm run build`
 * runs). A scenario runs the artefact a learner runs, never the .ts file through ts-node.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../world/paths';

const LABS_DIR = join(PROJECT_ROOT, 'labs');
const BUILD_DIR = join(PROJECT_ROOT, 'build', 'labs');
/** Held while one process builds: with --parallel, two workers may find the same app stale. */
const BUILD_LOCK = join(PROJECT_ROOT, 'build', '.build-lock');
const LOCK_WAIT_MS = 60_000;

/** `lab02/publisher` -> the absolute path of build/labs/lab02/publisher.js. */
export function builtAppPath(app: string): string {
  return join(BUILD_DIR, `${app}.js`);
}

/** The app's entry file and every labs/ file it imports, directly or not. */
function sourcesOf(app: string): string[] {
  const found = new Set<string>();
  const visit = (file: string) => {
    if (found.has(file)) return;
    found.add(file);
    // Relative imports only: packages (mqtt, node-forge) are not built here.
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from\s+'(\.\.?\/[^']+)'/g)) visit(resolve(dirname(file), `${spec}.ts`));
  };
  visit(join(LABS_DIR, `${app}.ts`));
  return [...found];
}

/** Why the app must be built first ("missing", "older than labs/x.ts"), or undefined when it is up to date. */
export function whyRebuild(app: string): string | undefined {
  if (!existsSync(join(LABS_DIR, `${app}.ts`))) throw new Error(`There is no app labs/${app}.ts`);
  for (const source of sourcesOf(app)) {
    const output = join(BUILD_DIR, relative(LABS_DIR, source)).replace(/\.ts$/, '.js');
    if (!existsSync(output)) return `${relative(PROJECT_ROOT, output)} is missing`;
    if (statSync(output).mtimeMs < statSync(source).mtimeMs) return `${relative(PROJECT_ROOT, output)} is older than ${relative(PROJECT_ROOT, source)}`;
  }
  return undefined;
}

/** Builds the app when it is missing or older than its source; returns the path to run. */
export async function ensureBuilt(app: string): Promise<string> {
  if (whyRebuild(app) !== undefined) await underBuildLock(async () => {
    // Another worker may have built it while this one waited for the lock.
    const reason = whyRebuild(app);
    if (reason !== undefined) await build(app, reason);
  });
  return builtAppPath(app);
}

async function build(app: string, reason: string): Promise<void> {
  const tsc = require.resolve('typescript/bin/tsc');
  // --force: tsc -b trusts its build info and would not write an output that was deleted.
  const force = reason.endsWith('missing') ? ['--force'] : [];
  try {
    await promisify(execFile)(process.execPath, [tsc, '-b', 'tsconfig.build.json', ...force], { cwd: PROJECT_ROOT });
  } catch (error) {
    const output = (error as { stdout?: string }).stdout?.trim() ?? '';
    throw new Error(`Building the apps failed (${reason}): run \`npm run build\` and fix what it reports.\n${output}`);
  }
  const still = whyRebuild(app);
  if (still !== undefined) throw new Error(`\`npm run build\` ran, but ${still}: run \`npm run build -- --force\``);
}

/** Runs `work` while holding the build lock (a folder: mkdir either creates it or fails, atomically). */
async function underBuildLock(work: () => Promise<void>): Promise<void> {
  mkdirSync(dirname(BUILD_LOCK), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      // A lock older than the longest build was left by a process that died while building.
      if (Date.now() - lockMadeAt() > LOCK_WAIT_MS) rmSync(BUILD_LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Another process has been building the apps for ${LOCK_WAIT_MS / 1000} s (${BUILD_LOCK})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    await work();
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

function lockMadeAt(): number {
  try {
    return statSync(BUILD_LOCK).mtimeMs;
  } catch {
    return Date.now();
  }
}
