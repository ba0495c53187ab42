/**
 * The moments a sequence diagram marks on its time line: when each When step of the scenario
 * began (the step says what the scenario did: "the thermostat's connection drops"), and the
 * scenario's first step, the zero of the elapsed times drawn. Recorded by diagram-hooks.ts.
 *
 * One scenario runs at a time in a worker process, so the current one is kept here and
 * replaced when the next scenario begins; nothing outlives it.
 */
export interface Moment {
  /** ms since the epoch. */
  at: number;
  text: string;
  /** The broker lane the note goes over; all lanes when absent. */
  over?: string;
  /**
   * The last wire packet (WirePacket.seen) any client had when the step began: the note goes
   * before the first packet after it, exactly, where a millisecond clock could not tell.
   */
  afterSeen?: number;
}

let current: { pickleId: string; startedAt: number; moments: Moment[] } | undefined;

/** At the start of each step: the first one sets the zero, When steps become moments. */
export function recordStepStart(pickleId: string, stepText: string, isAction: boolean, afterSeen: number): void {
  if (current?.pickleId !== pickleId) current = { pickleId, startedAt: Date.now(), moments: [] };
  if (isAction) current.moments.push({ at: Date.now(), text: stepText, afterSeen });
}

/** The scenario's When steps and its zero (undefined for a scenario that recorded none). */
export function stepMoments(pickleId: string | undefined): { startedAt?: number; moments: Moment[] } {
  return current && current.pickleId === pickleId ? { startedAt: current.startedAt, moments: current.moments } : { moments: [] };
}
