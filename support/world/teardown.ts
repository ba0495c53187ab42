/**
 * The end of a scenario: one stack of clean-ups, run in phases, in an order that is written
 * here and nowhere else (not the order in which cucumber happens to load hook files):
 *
 *   apps      the learner code the scenario runs: built apps (child processes), and the lab
 *             code it runs in this process (requesters, responders, state stores). They use
 *             clients, pages and brokers, so they stop first, while those still answer.
 *   pages     browser tabs (lab 11): each holds an MQTT connection of its own.
 *   clients   the scenario's MQTT.js clients and hand-written (raw) connections.
 *   services  containers beside the brokers (a load balancer, an auth service).
 *   brokers   the Mosquitto brokers: removed, or handed back to the pool to be reset.
 *   network   the scenario's Docker network, once nothing is attached to it any more.
 *
 * Within a phase the clean-ups run last in, first out: what was set up later may depend on
 * what was set up earlier. One that fails does not stop the others; the first failure is
 * thrown once all have run.
 */

export const TEARDOWN_PHASES = ['apps', 'pages', 'clients', 'services', 'brokers', 'network'] as const;
export type TeardownPhase = (typeof TEARDOWN_PHASES)[number];

/** Something to undo when the scenario ends. */
export type Teardown = () => void | Promise<unknown>;

export class TeardownStack {
  private readonly stacks = new Map<TeardownPhase, Teardown[]>(TEARDOWN_PHASES.map((phase) => [phase, []]));

  /** Registers clean-up for the end of the scenario, in its phase (see the module comment). */
  add(phase: TeardownPhase, teardown: Teardown): void {
    this.stacks.get(phase)!.push(teardown);
  }

  /** Runs every phase in TEARDOWN_PHASES order, each newest first; empties the stack. */
  async run(): Promise<void> {
    const failures: unknown[] = [];
    for (const phase of TEARDOWN_PHASES) {
      for (const teardown of this.stacks.get(phase)!.splice(0).reverse()) {
        try {
          await teardown();
        } catch (error) {
          failures.push(error);
        }
      }
    }
    if (failures.length > 0) throw failures[0];
  }
}
