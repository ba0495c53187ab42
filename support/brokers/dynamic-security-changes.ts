/**
 * How long a dynamic security change takes to reach a connected client, measured from the
 * start of the mosquitto_ctrl command (docker exec included, as an administrator types it) to
 * what the client sees: its connection closed by the broker, or its next SUBSCRIBE granted.
 *
 * The watch on the connections starts BEFORE the command: the broker may disconnect a client
 * before mosquitto_ctrl has even printed its answer, and a wait that started afterwards would
 * time the end of the command, not the DISCONNECT.
 */
import { LabClient } from '../clients/lab-client';
import { PROMPTLY_MS } from '../sync/waiting';

/** What one administrator command did to the scenario's clients, in Date.now() milliseconds. */
export class ChangeWatch {
  command = '';
  startedAt = 0;
  private readonly closes = new Map<string, Promise<number>>();
  private readonly grants = new Map<string, number>();

  constructor(clients: LabClient[]) {
    for (const client of clients) {
      // Bounded like every "promptly": a client the change does not touch stays connected, and
      // its watch ends quietly; only a step that asks about it turns that into a failure.
      const closed = client.waitForClose(PROMPTLY_MS).then(() => Date.now());
      closed.catch(() => undefined);
      this.closes.set(client.name, closed);
    }
  }

  commandRan(command: string, startedAt: number): void {
    this.command = command;
    this.startedAt = startedAt;
  }

  /** When the broker closed the client's connection; fails if it did not within the bound. */
  async closedAt(name: string): Promise<number> {
    const closed = this.closes.get(name);
    if (!closed) throw new Error(`The ${name} was not connected when the administrator ran \`${this.command}\``);
    try {
      return await closed;
    } catch {
      throw new Error(`The broker did not close the ${name}'s connection within ${PROMPTLY_MS} ms of \`${this.command}\`: the change did not reach it`);
    }
  }

  granted(name: string, at: number): void {
    this.grants.set(name, at);
  }

  grantedAt(name: string): number {
    const at = this.grants.get(name);
    if (at === undefined) throw new Error(`The ${name} subscribed to nothing after \`${this.command}\``);
    return at;
  }
}

/** The administrator's commands of one scenario, newest last. */
export class ChangeWatches {
  private readonly watches: ChangeWatch[] = [];

  start(clients: LabClient[]): ChangeWatch {
    const watch = new ChangeWatch(clients);
    this.watches.push(watch);
    return watch;
  }

  last(): ChangeWatch {
    const watch = this.watches.at(-1);
    if (!watch) throw new Error('The administrator has run no mosquitto_ctrl command in this scenario yet');
    return watch;
  }
}

