/**
 * The state stores (labs/lab10) that a scenario's services started, by service name, with the
 * snapshot each one reported at the moment it said "loaded": what a service would act on.
 */
import { RetainedStateStore, StateChange } from '../../labs/lab10/retained-state-store';
import { PROMPTLY_MS, waitUntil } from '../sync/waiting';
import { LabWorld } from '../world/world';
import type { StartedStore } from '../world/lesson-state';

export type { StartedStore } from '../world/lesson-state';

export async function startStateStore(world: LabWorld, service: string, subtree: string): Promise<StartedStore> {
  // MQTT 5, so that Retain As Published tells state changes from stray events (see the store).
  const client = await world.connectedClient(service, 5);
  const store = new RetainedStateStore(client.raw, subtree);
  const loaded = await store.start();
  const started = { store, client, loaded };
  world.stores.set(service, started);
  return started;
}

export function stateStoreOf(world: LabWorld, service: string): StartedStore {
  const started = world.stores.get(service);
  if (!started) throw new Error(`${service} has not started a state store in this scenario`);
  return started;
}

/** Waits until the store's value for `key` satisfies `check` (a live update arrived). */
export function waitForStoreValue(started: StartedStore, description: string, key: string, check: (value: string | undefined) => boolean): Promise<true> {
  return waitUntil(
    `the state store ${description}`,
    PROMPTLY_MS,
    () => (check(started.store.get(key)) ? true : undefined),
    (onChange) => {
      const listener = (_: StateChange) => onChange();
      started.store.on('change', listener);
      return () => started.store.off('change', listener);
    },
  );
}
