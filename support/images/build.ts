/**
 * Building the catalogue's images. An image whose tag is on the machine is up to date (the tag
 * is a hash of its folder), so "ensure" is: look for the tag, and build only when it is missing.
 *
 *   ensureImage(name, progress?)   async, for `npm run setup` and for support code
 *   ensureImageSync(name)          the same from synchronous code (the checks made before
 *                                  cucumber starts): runs this file as a child process
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueEntry, imageTag, PROJECT_ROOT } from './catalogue';
import { runLogged } from './commands';
import { debianBase, imageExists, type Progress } from './debian-base';
import { SetupError } from './setup-error';

export type { Progress };

/** Each built tag is also written to <folder>/.image, for people who use the image by hand (compose). */
export const RECORD_FILE = '.image';

/** Builds the catalogue image `name` unless its tag exists; resolves to the tag. */
export async function ensureImage(name: string, progress: Progress = (line) => console.log(line)): Promise<string> {
  const entry = catalogueEntry(name);
  const tag = imageTag(name);
  if (!(await imageExists(tag))) {
    progress(`building ${tag} from ${entry.folder}/ (new, or a file of that folder changed)`);
    const base = await debianBase(entry.debian, progress);
    progress(`base: ${base}; docker build (about a minute the first time)`);
    const versionArg = entry.version && entry.versionArg ? ['--build-arg', `${entry.versionArg}=${entry.version}`] : [];
    await runLogged('docker', ['build', '--build-arg', `BASE=${base}`, ...versionArg, '-t', tag, join(PROJECT_ROOT, entry.folder)], {
      log: `build-${name}`,
      what: `docker build of ${tag}`,
      onLine: (line) => buildStep(line, progress),
    });
  }
  writeImageRecord(name);
  return tag;
}

/** Docker's "Step 3/6 : RUN ..." lines (BuildKit: "#5 [2/4] RUN ...") tell how far a build is. */
function buildStep(line: string, progress: Progress): void {
  const step = /^Step \d+\/\d+ : .*|^#\d+ \[[^\]]*\d+\/\d+\] .*/.exec(line);
  if (step) progress(`  ${step[0].slice(0, 100)}`);
}

/** Writes the image's tag to <folder>/.image, unless it says so already (or it is a version override). */
export function writeImageRecord(name: string): void {
  const tag = imageTag(name);
  const entry = catalogueEntry(name);
  if (entry.version) return;
  const record = join(PROJECT_ROOT, entry.folder, RECORD_FILE);
  if (!existsSync(record) || readFileSync(record, 'utf8').trim() !== tag) writeFileSync(record, `${tag}\n`);
}

/**
 * ensureImage from synchronous code: this file runs as a child process (through ts-node, as the
 * rest of the project), its progress shown as it comes. Throws a SetupError if it fails.
 */
export function ensureImageSync(name: string): void {
  const result = spawnSync(process.execPath, ['--require', 'ts-node/register', __filename, name], { cwd: PROJECT_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new SetupError(`Building the image "${name}" failed (see above). Run \`npm run setup\` to try again.`);
}

/** `ts-node support/images/build.ts <name>...`: build catalogue images by hand. */
async function main(names: string[]): Promise<void> {
  try {
    for (const name of names) console.log(`image ${await ensureImage(name, (line) => console.log(`    ${line}`))} is ready`);
  } catch (error) {
    console.error(error instanceof SetupError ? error.message : error);
    process.exitCode = 1;
  }
}

if (require.main === module) void main(process.argv.slice(2));
