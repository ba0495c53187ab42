/**
 * Lab 14: what the failover subscriber remembers to drop a message it has already handed to
 * the application. Swap it for your own: a store that survives a restart (a file, Redis, the
 * application's database in the same transaction as the work) makes "exactly once" hold across
 * a restart of the subscriber too; this one forgets everything when the process ends.
 */
export interface DeduplicationStore {
  /** True if `id` was remembered (and not yet forgotten). */
  has(id: string): boolean;
  /** Remembers `id`. */
  remember(id: string): void;
}

/**
 * The ids of the last `capacity` messages, in memory. WHY bounded: the subscriber runs for
 * months; an unbounded set would grow with every message. WHY the bound matters: a duplicate
 * arrives when a backup broker replays what it queued for us while we listened elsewhere, so
 * the store must hold at least as many ids as a backup can queue (its max_queued_messages):
 * an id forgotten before its replay comes back is delivered twice.
 */
export class BoundedMemoryStore implements DeduplicationStore {
  // A Set iterates in insertion order: the first entry is the oldest id, the one to forget.
  private readonly ids = new Set<string>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`a de-duplication store needs a capacity of at least 1, not ${capacity}`);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  remember(id: string): void {
    this.ids.add(id);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value!);
  }
}
