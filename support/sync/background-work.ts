/**
 * Clean-up that no scenario waits for (resetting a pooled broker, removing a container or a
 * network): it goes on while the next scenario runs, and the end of the worker waits for it.
 */
const pending = new Set<Promise<unknown>>();

export function inBackground(work: Promise<unknown>): void {
  const tracked = work.catch(() => undefined).finally(() => pending.delete(tracked));
  pending.add(tracked);
}

/** Resolves once everything handed to inBackground (also what that work added) has ended. */
export async function backgroundWorkDone(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}
