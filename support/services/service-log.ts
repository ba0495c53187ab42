/**
 * A service's log as a scenario sees it: every line the program wrote (attached to the report
 * when the scenario fails), and waits for a line to come.
 */
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import { waitUntil } from '../sync/waiting';

/** Calls `onLine` for every non-empty line of a stream of text, as it comes. */
export function eachLine(stream: Readable, onLine: (line: string) => void): void {
  let partial = '';
  stream.on('data', (chunk: Buffer | string) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') onLine(line.trimEnd());
  });
}

/** How many of the log's last lines a failed wait shows. */
const LAST_LINES_SHOWN = 8;

export class ServiceLog {
  readonly lines: string[] = [];
  private readonly events = new EventEmitter();

  /** `who` names the service in messages: 'the broker "lab06/mosquitto.conf"'. */
  constructor(private readonly who: string) {
    this.events.setMaxListeners(50);
  }

  add(line: string): void {
    this.lines.push(line);
    this.events.emit('line', line);
  }

  /** Calls `listener` on every new line; returns the unsubscribe. */
  onLine(listener: () => void): () => void {
    this.events.on('line', listener);
    return () => this.events.off('line', listener);
  }

  /**
   * Resolves with the first line from now on that matches, or fails after `timeoutMs` saying,
   * in words (`what`: "a denied PUBLISH to home/living/lights"), what the log did not show, and
   * the last lines it did show.
   */
  waitForLine(pattern: RegExp, timeoutMs: number, what = `a line like ${pattern.source}`): Promise<string> {
    const from = this.lines.length;
    return waitUntil(
      `${this.who} logged ${what}`,
      timeoutMs,
      () => this.lines.slice(from).find((line) => pattern.test(line)),
      (onChange) => this.onLine(onChange),
      () => this.noSuchLine(what, timeoutMs, from),
    );
  }

  private noSuchLine(what: string, timeoutMs: number, from: number): string {
    const since = this.lines.slice(from);
    const shown = since.slice(-LAST_LINES_SHOWN).map((line) => `  | ${line}`);
    const logged = since.length === 0 ? 'It logged nothing at all in that time.' : `Its last ${shown.length} line(s):\n${shown.join('\n')}`;
    return `${capitalised(this.who)} did not log ${what} within ${timeoutMs} ms. ${logged}`;
  }
}

/** 'the broker "lab06/x.conf"': how messages name a service. */
export function whoIs(service: { kind: { role: string }; description: string }): string {
  return `the ${service.kind.role} "${service.description}"`;
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A start-up failure's message: what went wrong, then the program's own lines. */
export function startFailure(who: string, reason: string, log: string[]): string {
  return `${capitalised(who)} did not start: ${reason}.\nIts log:\n${log.map((l) => `  | ${l}`).join('\n') || '  (empty)'}`;
}
