/**
 * The topics of the probes the bridge barrier (support/mqtt/bridges.ts) sends across bridges to
 * prove that nothing else is still on its way: a level `bridge-probe` inside a branch a bridge
 * carries, where no scenario listens. One place, so that steps, failure messages and diagrams
 * all tell a probe from the lesson's own messages the same way.
 */
const PROBE_LEVEL = 'bridge-probe';

/** A concrete topic inside a bridge pattern: `line1/#` -> `line1/bridge-probe`, `+/status` -> `bridge-probe/status`. */
export function probeTopicIn(pattern: string): string {
  return pattern
    .split('/')
    .map((level) => (level === '#' || level === '+' ? PROBE_LEVEL : level))
    .join('/');
}

/** True for a probe's topic: what looks at "everything received" leaves them out or names them. */
export function isProbe(topic: string): boolean {
  return topic.split('/').includes(PROBE_LEVEL);
}
