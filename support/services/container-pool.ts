/**
 * A pool of supervised containers of one image, for the services whose program can be
 * restarted inside its container (Mosquitto; see ServiceKind.pooled). Creating and starting a
 * container costs Docker about half a second; handing a waiting one a service's files costs a
 * few milliseconds. So the pool keeps a container on standby, gives it to the next scenario
 * that asks, and takes it back when the scenario ends: its supervisor kills that scenario's
 * process and wipes the folders the service writes, and /tmp, while the next scenario already
 * runs.
 *
 * A service of a multi-service scenario is a pooled container too: it joins the scenario's
 * network under its name before its program starts, and leaves it when taken back (its ports are
 * published on Docker's default bridge, which it never leaves). Containers that cannot be made
 * like new are never reused: one with other ports, one still on a network it could not leave,
 * one that died. Those are removed in the background and replaced.
 */
import { backgroundWorkDone, inBackground } from '../sync/background-work';
import { ContainerSpec, SupervisedContainer } from './supervised-container';

/** How many containers wait on standby, counting one being reset (it is ready in milliseconds). */
const STANDBY = 1;
/** A reset takes tens of milliseconds; past this bound the container is replaced instead. */
const RESET_TIMEOUT_MS = 5_000;

export class ContainerPool {
  private readonly idle: SupervisedContainer[] = [];
  private readonly warming: Promise<SupervisedContainer>[] = [];
  /** Containers being reset: back in the pool within tens of milliseconds. */
  private readonly resetting = new Set<Promise<void>>();
  private closed = false;
  /** The runner removes the run's containers: a closed pool starts no removal of its own. */
  private removalLeftToRunner = false;
  /**
   * Every container of the pool runs `image` and publishes `ports` (on 127.0.0.1).
   * `spareWanted` says whether a scenario may still claim a container (start-service.ts counts
   * them against the run's planned scenarios): a spare no scenario claims costs a container start
   * during the last scenario and a removal after it, which one-scenario runs felt most.
   */
  constructor(
    private readonly image: string,
    private readonly ports: number[],
    private readonly spareWanted: () => boolean = () => true,
  ) {}

  /**
   * A container for a service: a standby one when the request fits the pool's ports, else a
   * dedicated one made for it (and removed after).
   */
  async claim(request: { ports: number[]; network?: ContainerSpec['network'] }): Promise<SupervisedContainer> {
    if (this.closed) throw new Error('The container pool is closed: the test run is ending');
    const pooled = request.ports.every((p) => this.ports.includes(p));
    if (!pooled) {
      return SupervisedContainer.create({ image: this.image, ports: [...new Set(request.ports)], network: request.network });
    }
    // The container the previous scenario used is usually still being reset when the next
    // scenario asks: waiting for that is much cheaper than making a new one.
    if (this.idle.length === 0 && this.resetting.size > 0) await Promise.race(this.resetting);
    const container = this.idle.pop() ?? (await (this.warming.shift() ?? this.create()));
    this.topUp();
    if (request.network) {
      try {
        await container.joinNetwork(request.network);
        // Docker keeps the default bridge's port mappings when a container joins a second
        // network; read them again anyway, a stale port would send clients to another service.
        await container.readPorts();
      } catch (error) {
        inBackground(container.remove());
        throw error;
      }
    }
    return container;
  }

  /**
   * Takes a container back at the end of a scenario: resets it for another scenario, or removes
   * it. The returned promise says when that is done; scenarios do not wait for it.
   */
  release(container: SupervisedContainer): Promise<void> {
    const reusable = container.alive && container.spec.ports.join() === this.ports.join() && !this.closed;
    const work = reusable ? this.reset(container) : container.remove();
    if (reusable) {
      this.resetting.add(work);
      void work.finally(() => this.resetting.delete(work));
    }
    inBackground(work);
    return work;
  }

  /**
   * The end of the run: waits for resets and removals, then removes every container left.
   * `leaveRemovalToRunner`: the runner removes the whole run's containers by label right after
   * (scripts/run-labs.ts), so only the containers still being created are waited for (one
   * created after the runner listed the run's containers would be left behind); the resets and
   * removals under way are not.
   */
  async close({ leaveRemovalToRunner = false } = {}): Promise<void> {
    this.closed = true;
    // Two removals of one container at once make Docker refuse the second ("already in progress").
    this.removalLeftToRunner = leaveRemovalToRunner;
    if (!leaveRemovalToRunner) await backgroundWorkDone();
    const warming = await Promise.allSettled(this.warming.splice(0));
    if (leaveRemovalToRunner) return;
    const all = [...this.idle.splice(0), ...warming.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))];
    await Promise.all(all.map((c) => c.remove()));
  }

  private async reset(container: SupervisedContainer): Promise<void> {
    try {
      if (container.paused) await container.unpause();
      // Off the scenario network first: the next scenario must not find this service by name.
      if (!(await container.leaveNetwork())) throw new Error('still on its scenario network');
      const from = container.eventCount;
      container.send('reset');
      await container.waitForEvent('a finished reset', (e) => e === 'ready', RESET_TIMEOUT_MS, from);
      if (!this.closed) this.idle.push(container);
      else if (!this.removalLeftToRunner) await container.remove();
    } catch {
      if (!this.removalLeftToRunner) await container.remove();
    }
  }

  /** Starts making the standby containers now, before the first scenario asks. */
  warmUp(): void {
    this.topUp();
  }

  private topUp(): void {
    const standby = this.spareWanted() ? STANDBY : 0;
    while (!this.closed && this.idle.length + this.warming.length + this.resetting.size < standby) {
      const creating = this.create();
      creating.catch(() => undefined); // a failure shows when a scenario claims it
      this.warming.push(creating);
    }
  }

  private create(): Promise<SupervisedContainer> {
    return SupervisedContainer.create({ image: this.image, ports: this.ports });
  }
}
