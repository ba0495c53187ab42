/**
 * An app's settings, read from environment variables.
 *
 * WHY environment variables: the same built app (`node build/labs/lab02/publisher.js`) runs
 * against your laptop's broker, a test broker and a production one without a rebuild, and a
 * password never has to be written into the code. Every setting has a default that fits its
 * lab's compose broker (`npm run broker -- labNN`), so an app runs with no settings at all.
 *
 * A value that makes no sense (QOS=3, COUNT=many) stops the app at once with the variable's
 * name, instead of being replaced by the default silently.
 */

/** The text of `name`, or `fallback` when it is not set (or set to nothing). */
export function textSetting(name: string, fallback: string): string {
  return optionalSetting(name) ?? fallback;
}

/** The text of `name`, or undefined when it is not set: for settings with no sensible default. */
export function optionalSetting(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

/** A whole number of at least `minimum`. */
export function numberSetting(name: string, fallback: number, minimum = 0): number {
  const text = optionalSetting(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) throw new Error(`${name} must be a whole number of at least ${minimum}, not "${text}"`);
  return value;
}

/** QOS=0, 1 or 2. */
export function qosSetting(name: string, fallback: 0 | 1 | 2): 0 | 1 | 2 {
  const text = optionalSetting(name);
  if (text === undefined) return fallback;
  if (text !== '0' && text !== '1' && text !== '2') throw new Error(`${name} must be 0, 1 or 2, not "${text}"`);
  return Number(text) as 0 | 1 | 2;
}

/** true/false, yes/no, 1/0. */
export function flagSetting(name: string, fallback: boolean): boolean {
  const text = optionalSetting(name)?.toLowerCase();
  if (text === undefined) return fallback;
  if (['true', 'yes', '1'].includes(text)) return true;
  if (['false', 'no', '0'].includes(text)) return false;
  throw new Error(`${name} must be true or false, not "${text}"`);
}
