/**
 * A broker's log as a scenario sees it: every line Mosquitto wrote (attached to the report when
 * the scenario fails), and waits for a line to come.
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

export class BrokerLog {
  readonly lines: string[] = [];
  private readonly events = new EventEmitter();

  constructor(private readonly description: string) {
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

  /** Resolves with the first line from now on that matches, or fails after `timeoutMs`. */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<string> {
    const from = this.lines.length;
    return waitUntil(
      `The broker "${this.description}" logged a line matching ${pattern}`,
      timeoutMs,
      () => this.lines.slice(from).find((line) => pattern.test(line)),
      (onChange) => this.onLine(onChange),
    );
  }
}
