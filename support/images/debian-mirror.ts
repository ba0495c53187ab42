/**
 * Which Debian mirror this machine installs from, read from its own apt sources, so that no
 * mirror or registry host is ever written into the project. The first mirror that serves a
 * plain suite ("trixie", not "trixie-security" or "trixie-updates") wins; MQTT_LABS_DEBIAN_MIRROR
 * overrides it. Pure functions over the files' text, so the parsing is unit-tested anywhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MIRROR_ENV = 'MQTT_LABS_DEBIAN_MIRROR';
const PLAIN_SUITE = /^[a-z]+$/;
const MIRROR_URL = /^(https?|ftp):\/\//;

/** Mirrors of a deb822 `*.sources` file: stanzas separated by blank lines. */
export function mirrorsOfDeb822(text: string): string[] {
  const mirrors: string[] = [];
  for (const stanza of text.split(/\n[ \t]*\n/)) {
    const fields = new Map<string, string>();
    for (const line of stanza.split('\n')) {
      const field = /^([A-Za-z-]+):[ \t]*(.*)$/.exec(line);
      if (field && !line.startsWith('#')) fields.set(field[1].toLowerCase(), field[2].trim());
    }
    const types = (fields.get('types') ?? '').split(/\s+/);
    const suites = (fields.get('suites') ?? '').split(/\s+/);
    const uri = (fields.get('uris') ?? '').split(/\s+/)[0];
    if (types.includes('deb') && fields.get('enabled')?.toLowerCase() !== 'no' && suites.some((s) => PLAIN_SUITE.test(s)) && uri) mirrors.push(uri);
  }
  return mirrors;
}

/** Mirrors of one-line `sources.list` entries: `deb [options] URI SUITE COMPONENTS...`. */
export function mirrorsOfOneLine(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/\[[^\]]*\]/, '').trim().split(/\s+/))
    .filter(([type, , suite]) => type === 'deb' && PLAIN_SUITE.test(suite ?? ''))
    .map(([, uri]) => uri);
}

/** The text of the files of a folder whose names end with suffix (none if there is no folder). */
function filesOf(dir: string, suffix: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith(suffix)).sort().map((f) => readFileSync(join(dir, f), 'utf8'));
  } catch {
    return [];
  }
}

/** The mirror debootstrap should use, or undefined when this machine names none. */
export function debianMirror(aptDir = '/etc/apt'): string | undefined {
  const named = process.env[MIRROR_ENV]?.trim();
  if (named) return named;
  const sourcesDir = join(aptDir, 'sources.list.d');
  const candidates = [
    ...filesOf(sourcesDir, '.sources').flatMap(mirrorsOfDeb822),
    ...[...filesOf(aptDir, 'sources.list'), ...filesOf(sourcesDir, '.list')].flatMap(mirrorsOfOneLine),
  ];
  return candidates.find((uri) => MIRROR_URL.test(uri));
}
