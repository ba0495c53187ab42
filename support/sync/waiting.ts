/**
 * Waiting for events with a bound. Every wait in this suite names what it waits for, so a
 * failure says "the dashboard got no message on home/temp within 2000 ms", not "timeout".
 */
export class WaitTimeout extends Error {}

/**
 * Resolves with the first value `probe` returns (other than undefined), checking now and each
 * time `subscribe` reports a change; rejects after `timeoutMs` with `description`.
 * A probe that throws rejects the wait with that error: the change listener runs inside
 * whatever emitted the change (MQTT.js's packet handling), and an error must not escape there.
 */
export function waitUntil<T>(
  description: string,
  timeoutMs: number,
  probe: () => T | undefined,
  subscribe: (onChange: () => void) => () => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let finished = false;
    let unsubscribe = () => {};
    let timer: NodeJS.Timeout | undefined;
    const finish = (settle: () => void) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      unsubscribe();
      settle();
    };
    const check = () => {
      if (finished) return;
      let value: T | undefined;
      try {
        value = probe();
      } catch (error) {
        finish(() => reject(error));
        return;
      }
      if (value !== undefined) finish(() => resolve(value as T));
    };
    check();
    if (finished) return;
    unsubscribe = subscribe(check);
    timer = setTimeout(() => finish(() => reject(new WaitTimeout(`${description} within ${timeoutMs} ms`))), timeoutMs);
  });
}

/** Bounds for waits on things that should happen promptly (a local broker answers in ms). */
export const PROMPTLY_MS = 2_000;
