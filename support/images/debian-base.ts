/**
 * The Debian base every catalogue image is built on. The official debian:<suite>-slim when it is
 * on the machine or a registry answers; else, on a Linux machine as root that reaches a Debian
 * mirror but no registry, an equivalent base made with debootstrap and `docker import`.
 */
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DebianSuite } from './catalogue';
import { aptInstall, commandExists, isLinuxRootWithApt, outputOf, runLogged } from './commands';
import { debianMirror, MIRROR_ENV } from './debian-mirror';
import { SetupError } from './setup-error';

export type Progress = (line: string) => void;

/** How long a pull may take before we take the registry for unreachable. */
const PULL_LIMIT_MS = 20_000;

export const registryBase = (suite: DebianSuite): string => `debian:${suite}-slim`;
export const localBase = (suite: DebianSuite): string => `mqtt-labs/debian-base:${suite}`;

export async function imageExists(image: string): Promise<boolean> {
  return (await outputOf('docker', ['image', 'inspect', '--format', '{{.Id}}', image])) !== undefined;
}

/** The base image's name, pulled or made first if needed. */
export async function debianBase(suite: DebianSuite, progress: Progress): Promise<string> {
  if (await imageExists(registryBase(suite))) return registryBase(suite);
  if (await imageExists(localBase(suite))) return localBase(suite);
  progress(`pulling ${registryBase(suite)} (gives up after ${PULL_LIMIT_MS / 1000} s)`);
  if ((await outputOf('docker', ['pull', '-q', registryBase(suite)], PULL_LIMIT_MS)) !== undefined) return registryBase(suite);
  if (!isLinuxRootWithApt()) {
    throw new SetupError(
      `Cannot get the base image ${registryBase(suite)} (no registry answered).\n` +
        `  Pull it when online: docker pull ${registryBase(suite)}\n` +
        '  or, on a Debian/Ubuntu machine, make it from the Debian mirror as root: sudo npm run setup',
    );
  }
  progress('no registry reachable: making the base image with debootstrap');
  await makeLocalBase(suite, progress);
  return localBase(suite);
}

/** debootstrap a minimal Debian into a temporary folder, slim it, import it as localBase(suite). */
async function makeLocalBase(suite: DebianSuite, progress: Progress): Promise<void> {
  if (!commandExists('debootstrap')) {
    progress('installing debootstrap (apt)');
    await aptInstall('debootstrap');
  }
  const mirror = debianMirror();
  if (!mirror) throw new SetupError(`No Debian mirror found in /etc/apt/sources.list*.\n  Set ${MIRROR_ENV} to a Debian mirror URL and run again.`);
  // An older debootstrap may not know the suite yet; a new suite is built like sid.
  const script = ['/usr/share/debootstrap/scripts/' + suite, '/usr/share/debootstrap/scripts/sid'].find((s) => existsSync(s)) ?? suite;
  const dir = mkdtempSync('/var/tmp/mqtt-labs-debootstrap.');
  try {
    progress(`debootstrap ${suite} from ${mirror} (about a minute)`);
    await runLogged('debootstrap', ['--variant=minbase', suite, dir, mirror, script], { log: 'debootstrap', what: 'debootstrap' });
    slim(dir);
    progress(`importing it as ${localBase(suite)}`);
    await importTree(dir, localBase(suite));
  } finally {
    // The tree is root-owned and about 200 MB: remove it whatever happened.
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Slim the tree like the official debian:*-slim images: no package caches, package lists, man
 * pages, info pages, translations or docs (the copyright files stay).
 */
export function slim(root: string): void {
  const clear = (dir: string, keep: (name: string) => boolean = () => false): void => {
    for (const name of safeList(join(root, dir))) if (!keep(name)) rmSync(join(root, dir, name), { recursive: true, force: true });
  };
  clear('var/cache/apt/archives', (name) => !name.endsWith('.deb'));
  clear('var/cache/apt', (name) => !name.endsWith('.bin'));
  clear('var/lib/apt/lists');
  clear('usr/share/man');
  clear('usr/share/info');
  clear('usr/share/locale', (name) => name === 'locale.alias');
  rmSync(join(root, 'var/log/bootstrap.log'), { force: true });
  for (const pkg of safeList(join(root, 'usr/share/doc'))) {
    const doc = join('usr/share/doc', pkg);
    if (!lstatSync(join(root, doc)).isDirectory()) continue;
    clear(doc, (name) => name === 'copyright');
    if (safeList(join(root, doc)).length === 0) rmSync(join(root, doc), { recursive: true, force: true });
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * `tar -c` of the tree piped into `docker import`. This path runs only on Debian/Ubuntu as root
 * (debootstrap's own world), where tar is always there and keeps owners, modes and device files
 * exactly; the pipe is made by Node, not by a shell.
 */
async function importTree(dir: string, image: string): Promise<void> {
  const tar = spawn('tar', ['--numeric-owner', '-C', dir, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const tarDone = new Promise<void>((resolve, reject) => tar.on('close', (code) => (code === 0 ? resolve() : reject(new SetupError(`tar of ${dir} failed (exit ${code})`)))));
  await runLogged('docker', ['import', '--change', 'CMD ["bash"]', '-', image], { log: 'import', what: 'docker import', stdin: tar.stdout });
  await tarDone;
}
