/**
 * The catalogue: the ONE list of the Docker images the labs use, and the tag each one gets.
 *
 * An image is a Dockerfile folder. Its tag is computed from the folder itself (a hash of every
 * file in it, path and content), so editing any file of the folder gives a new tag, and a tag
 * that is already on the machine is exactly the image the files describe: "is it up to date?"
 * is "does this tag exist?". Computing a tag reads a few small files and asks Docker nothing.
 *
 * Where the folders live: the broker image stays at brokers/image/ (the README and the compose
 * files point there); every image added later gets brokers/images/<name>/.
 *
 * Conventions every catalogue Dockerfile follows, so that building needs no per-image code:
 *  - it starts with `ARG BASE` and `FROM ${BASE}`: the builder passes the Debian base it found
 *    (the registry's debian:<suite>-slim, or one made with debootstrap where no registry answers);
 *  - an optional `ARG <versionArg>=<version>` line names the version shown in the tag;
 *  - hidden files (.image, .gitignore, .dockerignore) are neither hashed nor sent to Docker
 *    (the folder's .dockerignore says `.*`).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** The Debian releases a base can come from: 13 ships Mosquitto 2.0.21, 12 ships 2.0.11. */
export type DebianSuite = 'trixie' | 'bookworm';

export interface CatalogueEntry {
  /** How the labs name the image, and the repository part of its tag (mqtt-labs/<name>). */
  readonly name: string;
  /** What it is, as set-up's lines say it ("Broker image mqtt-labs/mosquitto:... is up to date"). */
  readonly title: string;
  /** The Dockerfile folder, relative to the project root, with '/' separators. */
  readonly folder: string;
  /** The Debian release the image is built on. */
  readonly debian: DebianSuite;
  /** The Dockerfile ARG whose default is the version shown in the tag, if any. */
  readonly versionArg?: string;
  /**
   * Another value for that ARG (passed as --build-arg): one folder, one recipe, for several
   * versions. Such an entry is built only by a run that asks for it (`--mosquitto 2.0.11`), not
   * by `npm run setup`, and writes no <folder>/.image record (that one is the default image's).
   */
  readonly version?: string;
  /** The repository part of the tag, mqtt-labs/<repository>, when it is not the name. */
  readonly repository?: string;
}

export const PROJECT_ROOT = join(__dirname, '..', '..');

/**
 * Every image the labs use. To add one: a folder under brokers/images/<name>/ with its
 * Dockerfile (see the conventions above) and one line here; `npm run setup` builds it.
 */
export const CATALOGUE: readonly CatalogueEntry[] = [
  { name: 'mosquitto', title: 'Broker image', folder: 'brokers/image', debian: 'trixie', versionArg: 'MOSQUITTO_VERSION' },
  // Debian 12's Mosquitto, from the same recipe: the version a learner on bookworm runs
  // (`npm test -- --mosquitto 2.0.11 features/lab04`). The haproxy kind keeps the default image.
  { name: 'mosquitto-2.0.11', repository: 'mosquitto', title: 'Debian 12 broker image', folder: 'brokers/image', debian: 'bookworm', versionArg: 'MOSQUITTO_VERSION', version: '2.0.11' },
  // Lab 18's auth service: Debian's Node.js; the service's code is handed in when it starts.
  { name: 'node-service', title: 'Node service image', folder: 'brokers/images/node-service', debian: 'trixie' },
  // Lab 15's second load balancer: open-source NGINX with its stream (TCP) module.
  { name: 'nginx', title: 'NGINX image', folder: 'brokers/images/nginx', debian: 'trixie', versionArg: 'NGINX_VERSION' },
];

/** The version an entry builds: its override, else its Dockerfile's default (undefined without a versionArg). */
export function entryVersion(entry: CatalogueEntry, root = PROJECT_ROOT): string | undefined {
  return entry.version ?? (entry.versionArg ? dockerfileArg(entry, entry.versionArg, root) : undefined);
}

/** The catalogue's broker images (the folder of the default one), each with its Mosquitto version. */
export function brokerVersions(): { entry: CatalogueEntry; version: string }[] {
  const folder = catalogueEntry('mosquitto').folder;
  return CATALOGUE.filter((e) => e.folder === folder).map((entry) => ({ entry, version: entryVersion(entry)! }));
}

export function catalogueEntry(name: string): CatalogueEntry {
  const entry = CATALOGUE.find((e) => e.name === name);
  if (!entry) throw new Error(`There is no image "${name}" in the catalogue (support/images/catalogue.ts). Images: ${CATALOGUE.map((e) => e.name).join(', ')}.`);
  return entry;
}

/** The folder's files that make the image, as sorted '/'-separated paths relative to it. */
export function contextFiles(folder: string): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const item of readdirSync(dir, { withFileTypes: true })) {
      if (item.name.startsWith('.')) continue;
      const path = join(dir, item.name);
      if (item.isDirectory()) walk(path);
      else files.push(relative(folder, path).split(sep).join('/'));
    }
  };
  walk(folder);
  // Plain code-unit order, not localeCompare: the same order on every machine and locale.
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * A hash of the build context: each file's relative path and content, in sorted order, with a
 * NUL after each path and a length before each content so that no two folders hash alike. The
 * Debian release is in it too: the same files on another base make another image.
 */
export function contextHash(entry: CatalogueEntry, root = PROJECT_ROOT): string {
  const folder = join(root, entry.folder);
  const hash = createHash('sha256').update(`debian=${entry.debian}\0`);
  if (entry.version) hash.update(`version=${entry.version}\0`);
  for (const file of contextFiles(folder)) {
    const content = readFileSync(join(folder, file));
    hash.update(`${file}\0${content.length}\0`).update(content);
  }
  return hash.digest('hex');
}

/** The default of `ARG <name>=<value>` in the folder's Dockerfile. */
export function dockerfileArg(entry: CatalogueEntry, arg: string, root = PROJECT_ROOT): string {
  const dockerfile = readFileSync(join(root, entry.folder, 'Dockerfile'), 'utf8');
  const match = new RegExp(`^ARG ${arg}=(\\S+)\\s*$`, 'm').exec(dockerfile);
  if (!match) throw new Error(`${entry.folder}/Dockerfile has no "ARG ${arg}=..." line, which support/images/catalogue.ts reads for the tag of "${entry.name}".`);
  return match[1];
}

const tags = new Map<string, string>();

/**
 * The tag of a catalogue image, e.g. mqtt-labs/mosquitto:2.0.21-1a2b3c4d. Computed once per
 * process (a scenario asks for it on every broker start; the files do not change under a run).
 */
export function imageTag(name: string): string {
  let tag = tags.get(name);
  if (!tag) {
    const entry = catalogueEntry(name);
    const hash8 = contextHash(entry).slice(0, 8);
    const version = entryVersion(entry);
    tag = `mqtt-labs/${entry.repository ?? entry.name}:${version ? `${version}-` : ''}${hash8}`;
    tags.set(name, tag);
  }
  return tag;
}
