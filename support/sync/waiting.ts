/**
 * Waiting for events with a bound. Every wait in this suite names what it waits for, so a
 * failure says "No sign within 2000 ms that the dashboard got a PINGRESP", not "timeout"; a
 * wait that knows more about what went wrong words its own failure (see `onTimeout`).
 */
export class WaitTimeout extends Error {}

/**
 * Resolves with the first value `probe` returns (other than undefined), checking now and each
 * time `subscribe` reports a change; rejects after `timeoutMs` with a WaitTimeout: the text
 * `onTimeout` returns then, or else "No sign within N ms that <description>". (The text must say
 * that the thing did NOT happen: "guest received "sunny" within 2000 ms" reads like a success.)
 * A probe that throws rejects the wait with that error: the change listener runs inside
 * whatever emitted the change (MQTT.js's packet handling), and an error must not escape there.
 */
export function waitUntil<T>(
  description: string,
  timeoutMs: number,
  probe: () => T | undefined,
  subscribe: (onChange: () => void) => () => void,
  onTimeout?: () => string,
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
    const failure = () => new WaitTimeout(onTimeout ? onTimeout() : `No sign within ${timeoutMs} ms that ${description}`);
    timer = setTimeout(() => finish(() => reject(failure())), timeoutMs);
  });
}

/** Bounds for waits on things that should happen promptly (a local broker answers in ms). */
export const PROMPTLY_MS = 2_000;
