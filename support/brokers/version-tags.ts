/**
 * Version tags: a scenario whose outcome depends on the Mosquitto version says so with a tag,
 * `@mosquitto>=2.0.12` (the behaviour it shows came with 2.0.12) or `@mosquitto<2.0.12` (the
 * behaviour before it, what a learner on Debian 12's 2.0.11 meets). A run on a version the tag
 * rules out skips the scenario and says why (support/world/hooks.ts), so a run on either version
 * is green and still lists what it did not prove. The version in the tag is the one Mosquitto's
 * ChangeLog names for the change; the lab's summary.md explains the difference.
 *
 * Operators: >=, <, >, <=, = (a scenario may carry two tags for a range; all must hold).
 */

/** Every version tag starts so; anything else after it is a mistake, reported at once. */
export const VERSION_TAG_PREFIX = '@mosquitto';

type Operator = '>=' | '<=' | '>' | '<' | '=';

export interface VersionCondition {
  readonly tag: string;
  readonly operator: Operator;
  readonly version: string;
}

const TAG = /^@mosquitto(>=|<=|>|<|=)(\d+\.\d+\.\d+)$/;

/** A version tag's condition; undefined for another tag; an Error for a misspelt version tag. */
export function parseVersionTag(tag: string): VersionCondition | undefined {
  if (!tag.startsWith(VERSION_TAG_PREFIX) || tag === VERSION_TAG_PREFIX || /^@mosquitto[-_a-z]/i.test(tag)) return undefined;
  const match = TAG.exec(tag);
  if (!match) throw new Error(`The tag ${tag} is not a Mosquitto version tag: write @mosquitto>=2.0.12 or @mosquitto<2.0.12 (operators >=, <, >, <=, =; a version x.y.z).`);
  return { tag, operator: match[1] as Operator, version: match[2] };
}

/** Negative, zero or positive as version a is older than, the same as, or newer than b (x.y.z). */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const diff = (x[i] ?? 0) - (y[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

export function holds(condition: VersionCondition, running: string): boolean {
  const c = compareVersions(running, condition.version);
  switch (condition.operator) {
    case '>=': return c >= 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '<': return c < 0;
    case '=': return c === 0;
  }
}

/**
 * Why a scenario with these tags does not run on `running`, or undefined when it does (no
 * version tag, every one holds, or the version is unknown: then everything runs).
 */
export function versionSkipReason(tags: readonly string[], running: string | undefined): string | undefined {
  const conditions = tags.map(parseVersionTag).filter((c): c is VersionCondition => c !== undefined);
  if (!running) return undefined;
  const failing = conditions.filter((c) => !holds(c, running));
  if (failing.length === 0) return undefined;
  return `skipped on Mosquitto ${running}: the scenario is tagged ${failing.map((c) => c.tag).join(' ')} (a behaviour of other versions; the lab's summary.md explains the difference)`;
}

/**
 * A cucumber tag expression that selects every version-tagged scenario of these feature texts
 * (`npm test -- --mosquitto 2.0.11 --version-tagged`: what CI runs on the older version).
 */
export function versionTaggedExpression(featureTexts: readonly string[]): string | undefined {
  const tags = new Set<string>();
  for (const text of featureTexts) for (const match of text.matchAll(/(?<=^|\s)@mosquitto\S*/g)) if (parseVersionTag(match[0])) tags.add(match[0]);
  return tags.size ? [...tags].sort().join(' or ') : undefined;
}
