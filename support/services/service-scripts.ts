/**
 * The shell scripts that run a service in its container, made from its kind. Both paths run
 * the same ones: the pooled container's supervisor (service-supervisor.sh) as files of the
 * archive it is handed, the plain path as the container's command. So a kind's start, check
 * and preparation are written once.
 */
import type { ServiceFile } from './service';
import type { ServiceKind } from './service-kind';
import type { ArchiveEntry } from './tar-archive';

/** Where the scripts go in the container; the supervisor reads them from there. */
export const CONTROL_DIR = '/run/mqtt-labs';

/**
 * Starts the program in the foreground, after its configuration check if the kind has one:
 * a configuration the check rejects ends the start with the check's own lines in the log.
 */
export function startScript(kind: ServiceKind, configFile: string): string {
  const check = kind.checkCommand ? `${kind.checkCommand(configFile)} && ` : '';
  // In /, the working directory of the images (a Mosquitto configuration without
  // persistence_location writes mosquitto.db there): as under `docker run`.
  return `cd / && ${check}exec ${kind.startCommand(configFile)}\n`;
}

/** Runs once before the first start: the scenario's preparation in configDir, then the kind's own. */
export function prepareScript(kind: ServiceKind, preparation?: string): string {
  return ['set -e', `cd ${kind.configDir}`, preparation, kind.ownFiles].filter(Boolean).join('\n') + '\n';
}

/** Removes everything the service could have written, so the container is as new. */
export function wipeScript(kind: ServiceKind): string {
  return `rm -rf ${kind.stateDirs.join(' ')}\n`;
}

/** The plain path's command: prepare on the first start only (a restart runs it again), then start. */
export function plainCommand(kind: ServiceKind, configFile: string, preparation?: string): string[] {
  const prepared = `${CONTROL_DIR}/prepared`;
  const script = [
    'set -e',
    `if [ ! -e ${prepared} ]; then`,
    `  (\n${prepareScript(kind, preparation)})`,
    `  mkdir -p ${CONTROL_DIR} && touch ${prepared}`,
    'fi',
    startScript(kind, configFile),
  ];
  return ['/bin/sh', '-c', script.join('\n')];
}

/** The archive a pooled container is handed: the files, owned by the kind's user, and the scripts. */
export function archiveEntries(kind: ServiceKind, files: ServiceFile[], configFile: string, preparation?: string): ArchiveEntry[] {
  const owner = kind.fileOwner ?? { uid: 0, gid: 0 };
  // 0600 unless said: Mosquitto 2.0.16+ warns about password and ACL files that others can read.
  const entries: ArchiveEntry[] = files.map((f) => ({ path: `${kind.configDir.slice(1)}/${f.name}`, content: f.content, mode: f.mode ?? 0o600, ...owner }));
  const script = (name: string, text: string) => ({ path: `${CONTROL_DIR.slice(1)}/${name}`, content: Buffer.from(text), mode: 0o755 });
  entries.push(script('start', startScript(kind, configFile)), script('prepare', prepareScript(kind, preparation)), script('wipe', wipeScript(kind)));
  return entries;
}
