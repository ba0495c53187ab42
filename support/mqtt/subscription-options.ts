/**
 * Lab 7 support: what an MQTT 5 subscription adds to each delivery. A Subscription Identifier
 * (spec 3.8.2.1.2) is a number the subscriber picks in SUBSCRIBE; the broker sends it back in
 * every PUBLISH that subscription causes [MQTT-3.3.4-3], retained ones included. A subscriber
 * can then dispatch on the number instead of matching the topic against its filters again.
 */
import { expect } from 'chai';
import { receivedOn } from '../sync/delivery';
import { LabWorld } from '../world/world';

/**
 * Each payload arrived on `topic` exactly once (after the barrier), tagged with exactly the one
 * identifier: [7], not [7, 8] (an old subscription still counted) nor none.
 */
export async function expectTaggedOnce(world: LabWorld, name: string, topic: string, payloads: string[], identifier: number): Promise<void> {
  const client = world.existingClient(name);
  for (const payload of payloads) await client.waitForPayload(payload, topic);
  await world.settle(name);
  const got = client.inbox
    .filter(receivedOn(topic))
    .map((m) => ({ payload: m.text, subscriptionIdentifiers: [m.properties?.subscriptionIdentifier ?? []].flat() }));
  expect(got, `what ${name} got on ${topic}, with the Subscription Identifiers of each PUBLISH`).to.deep.equal(
    payloads.map((payload) => ({ payload, subscriptionIdentifiers: [identifier] })),
  );
}
