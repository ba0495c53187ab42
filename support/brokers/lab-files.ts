/**
 * Broker-side files of a lab (mosquitto.conf variants, ACLs, password input, ...) live in
 * brokers/labNN/ and are read from disk each time a scenario starts a broker, so an edit to
 * one of them shows up on the next run without touching any TypeScript.
 *
 * A "break it" exercise is a folder brokers/labNN/break-it/<name>/ holding deliberately broken
 * copies of some of those files. With `npm run break-it -- labNN/<name>` (the run configuration's breakIt), those copies
 * are used instead of the originals for that lab, and the scenarios that depend on them fail.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../world/paths';
import { runConfig } from '../run/run-config';

export const BROKERS_DIR = join(PROJECT_ROOT, 'brokers');

/**
 * Files that describe the lab for humans or for docker compose, not for the broker.
 * scripts/lab-broker-start.sh (compose's way in, no Node there) keeps a copy of this list;
 * tests/unit/lab-broker-start.test.ts fails when the two differ.
 */
export const NOT_FOR_THE_BROKER: ReadonlySet<string> = new Set(['docker-compose.yml', 'README.md', 'EXPECTED-FAILURES']);
/** The lab's sub-folder of exercises: never for the broker (its files are laid over, by name). */
export const BREAK_IT_FOLDER = 'break-it';

export interface LabFile {
  /** Relative to /mosquitto/config: "acl", or "certs/server.pem" for a generated file. */
  name: string;
  content: Buffer;
  /** Where it came from, for error messages: the original, a break-it copy, or the test. */
  source: string;
  /** File mode in the container; 0600 unless said (Mosquitto 2.0.16+ warns about readable secrets). */
  mode?: number;
}

/** A file for the broker that is not in brokers/labNN/ because it is made at test time. */
export interface GeneratedFile {
  /** Relative to /mosquitto/config, e.g. "certs/ca.pem". */
  path: string;
  content: string | Buffer;
  mode?: number;
}

/** Generated files as lab files, to go into /mosquitto/config with the lab's own. */
export function asLabFiles(files: GeneratedFile[]): LabFile[] {
  return files.map((f) => ({ name: f.path, content: Buffer.from(f.content), source: `made at test time: ${f.path}`, mode: f.mode }));
}

export interface BrokerConfigRef {
  lab: string; // e.g. "lab01"
  configFile: string; // e.g. "persistence-on.conf"
}

/** Parses "lab01/persistence-on.conf" as written in a feature file. */
export function parseConfigRef(ref: string): BrokerConfigRef {
  const match = /^(lab\d\d)\/([\w.-]+)$/.exec(ref);
  if (!match) throw new Error(`A broker configuration is named like "lab01/mosquitto.conf", not "${ref}".`);
  return { lab: match[1], configFile: match[2] };
}

/**
 * The break-it folder in use for this lab, if the run has one (`npm run break-it -- lab06/x`,
 * or `npm run broker -- lab06 --break-it lab06/x`, which passes its own).
 */
export function breakItDir(lab: string, breakIt = runConfig().breakIt): string | undefined {
  if (!breakIt) return undefined;
  const [breakLab, name] = breakIt.split('/');
  if (breakLab !== lab) return undefined;
  const dir = join(BROKERS_DIR, breakLab, BREAK_IT_FOLDER, name ?? '');
  if (!name || !existsSync(dir)) throw new Error(`Break-it ${breakIt}: there is no folder brokers/${breakLab}/break-it/${name ?? ''}`);
  return dir;
}

function regularFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => !NOT_FOR_THE_BROKER.has(name) && statSync(join(dir, name)).isFile());
}

/** All files the lab's broker gets in /mosquitto/config, with break-it copies laid over them. */
export function readLabFiles(ref: BrokerConfigRef, breakIt = runConfig().breakIt): LabFile[] {
  const labDir = join(BROKERS_DIR, ref.lab);
  if (!existsSync(labDir)) throw new Error(`There is no folder brokers/${ref.lab} for the broker configuration "${ref.lab}/${ref.configFile}".`);
  const files = new Map<string, LabFile>();
  for (const name of regularFiles(labDir)) {
    files.set(name, { name, content: readFileSync(join(labDir, name)), source: `brokers/${ref.lab}/${name}` });
  }
  const overlay = breakItDir(ref.lab, breakIt);
  if (overlay) {
    for (const name of regularFiles(overlay)) {
      files.set(name, { name, content: readFileSync(join(overlay, name)), source: `${overlay.slice(PROJECT_ROOT.length + 1)}/${name}` });
    }
  }
  if (!files.has(ref.configFile)) {
    throw new Error(`There is no broker configuration brokers/${ref.lab}/${ref.configFile}.`);
  }
  return [...files.values()];
}

/**
 * The files of the lab's sub-folders (certs/ that `npm run certs` writes), except break-it/, as
 * "certs/ca.pem": what a broker started by hand (`npm run broker`, compose) gets besides
 * readLabFiles. Scenarios make their certificates at test time instead (GeneratedFile).
 */
export function readLabFolders(lab: string): LabFile[] {
  const labDir = join(BROKERS_DIR, lab);
  const folders = readdirSync(labDir).filter((name) => name !== BREAK_IT_FOLDER && statSync(join(labDir, name)).isDirectory());
  return folders.flatMap((folder) => filesUnder(labDir, folder)).map((name) => ({ name, content: readFileSync(join(labDir, name)), source: `brokers/${lab}/${name}` }));
}

/** Every regular file under `folder` of `root`, as paths relative to root with "/" between names. */
function filesUnder(root: string, folder: string): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) return filesUnder(root, path);
    return entry.isFile() ? [path] : [];
  });
}
