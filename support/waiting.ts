/**
 * Waiting for events with a bound. Every wait in this suite names what it waits for, so a
 * failure says "the dashboard got no message on home/temp within 2000 ms", not "timeout".
 */
export class WaitTimeout extends Error {}

/**
 * Resolves with the first value `probe` returns (other than undefined), checking now and each
 * time `subscribe` reports a change; rejects after `timeoutMs` with `description`.
 */
export function waitUntil<T>(
  description: string,
  timeoutMs: number,
  probe: () => T | undefined,
  subscribe: (onChange: () => void) => () => void,
): Promise<T> {
  const now = probe();
  if (now !== undefined) return Promise.resolve(now);
  return new Promise<T>((resolve, reject) => {
    const unsubscribe = subscribe(() => {
      const value = probe();
      if (value === undefined) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(value);
    });
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new WaitTimeout(`${description} within ${timeoutMs} ms`));
    }, timeoutMs);
  });
}

/** Bounds for waits on things that should happen promptly (a local broker answers in ms). */
export const PROMPTLY_MS = 2_000;
