/**
 * This worker's pool of broker containers. Creating and starting a container costs Docker
 * about half a second; handing a waiting one a lab's files costs a few milliseconds. So the
 * pool keeps a container on standby, gives it to the next scenario that asks, and takes it back
 * when the scenario ends: its supervisor kills that scenario's Mosquitto and wipes /mosquitto
 * and /tmp, which is everything a broker can write, while the next scenario already runs.
 *
 * Containers that cannot be made like new that way are never reused: one that joined a
 * scenario network, one whose container was paused and not resumed, one that died. Those are
 * removed in the background and replaced.
 */
import { backgroundWorkDone, inBackground } from '../sync/background-work';
import { ContainerSpec, SupervisedContainer } from './supervised-container';

/** Ports every pooled container publishes: MQTT, MQTT over TLS, WebSockets. */
export const POOLED_PORTS = [1883, 8883, 9001];
/** How many containers wait on standby, counting one being reset (it is ready in milliseconds). */
const STANDBY = 1;
/** A reset takes tens of milliseconds; past this bound the container is replaced instead. */
const RESET_TIMEOUT_MS = 5_000;

export class BrokerPool {
  private readonly idle: SupervisedContainer[] = [];
  private readonly warming: Promise<SupervisedContainer>[] = [];
  /** Containers being reset: back in the pool within tens of milliseconds. */
  private readonly resetting = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly image: string) {}

  /**
   * A container for a broker: a standby one when the request fits the pool's shape, else a
   * dedicated one made for it (extra ports, a scenario network).
   */
  async claim(request: { ports: number[]; network?: ContainerSpec['network'] }): Promise<SupervisedContainer> {
    if (this.closed) throw new Error('The broker pool is closed: the test run is ending');
    const pooled = !request.network && request.ports.every((p) => POOLED_PORTS.includes(p));
    if (!pooled) {
      const ports = [...new Set([1883, ...request.ports])];
      return SupervisedContainer.create({ image: this.image, ports, network: request.network });
    }
    // The container the previous scenario used is usually still being reset when the next
    // scenario asks: waiting for that is much cheaper than making a new one.
    if (this.idle.length === 0 && this.resetting.size > 0) await Promise.race(this.resetting);
    const container = this.idle.pop() ?? (await (this.warming.shift() ?? this.create()));
    this.topUp();
    return container;
  }

  /**
   * Takes a container back at the end of a scenario: resets it for another scenario, or removes
   * it. The returned promise says when that is done; scenarios do not wait for it.
   */
  release(container: SupervisedContainer): Promise<void> {
    const reusable = container.alive && !container.spec.network && container.spec.ports.join() === POOLED_PORTS.join() && !this.closed;
    const work = reusable ? this.reset(container) : container.remove();
    if (reusable) {
      this.resetting.add(work);
      void work.finally(() => this.resetting.delete(work));
    }
    inBackground(work);
    return work;
  }

  /** The end of the run: waits for resets and removals, then removes every container left. */
  async close(): Promise<void> {
    this.closed = true;
    await backgroundWorkDone();
    const warming = await Promise.allSettled(this.warming.splice(0));
    const all = [...this.idle.splice(0), ...warming.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))];
    await Promise.all(all.map((c) => c.remove()));
  }

  private async reset(container: SupervisedContainer): Promise<void> {
    try {
      if (container.paused) await container.unpause();
      const from = container.eventCount;
      container.send('reset');
      await container.waitForEvent('a finished reset', (e) => e === 'ready', RESET_TIMEOUT_MS, from);
      if (this.closed) await container.remove();
      else this.idle.push(container);
    } catch {
      await container.remove();
    }
  }

  /** Starts making the standby containers now, before the first scenario asks. */
  warmUp(): void {
    this.topUp();
  }

  private topUp(): void {
    while (!this.closed && this.idle.length + this.warming.length + this.resetting.size < STANDBY) {
      const creating = this.create();
      creating.catch(() => undefined); // a failure shows when a scenario claims it
      this.warming.push(creating);
    }
  }

  private create(): Promise<SupervisedContainer> {
    return SupervisedContainer.create({ image: this.image, ports: POOLED_PORTS });
  }
}
