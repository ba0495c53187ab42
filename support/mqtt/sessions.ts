/**
 * Lab 4 support: durable sessions, client ids and offline queues, in the words the steps use.
 * How a client asks for a durable session is the learner-facing code in labs/lab04; this module
 * applies it to the scenario's named clients and checks what arrives.
 */
import { durableSessionOptions } from '../../labs/lab04/durable-session';
import { LabClient, newClientId, ProtocolVersion, QoS } from '../clients/lab-client';
import { letTimePass } from '../sync/protocol-clock';
import { LabWorld } from '../world/world';
import { expectGranted } from './reason-code-checks';

export interface SessionRequest {
  protocolVersion: ProtocolVersion;
  /** MQTT 5 only; undefined sends no Session Expiry Interval (which means 0). */
  sessionExpirySeconds?: number;
  filter: string;
  qos: QoS;
}

/**
 * Connects a client that asks for a durable session (labs/lab04/durable-session.ts) and
 * subscribes it. The options are given to the client once, at creation, so every later
 * connection of this client (including the shared step "reconnects to its durable session")
 * asks for the same session and expiry again, as a real device with a fixed configuration would.
 */
export async function startDurableSession(world: LabWorld, name: string, request: SessionRequest): Promise<LabClient> {
  const { protocolVersion, sessionExpirySeconds } = request;
  const clientId = newClientId(name);
  const client = world.client(name, protocolVersion, durableSessionOptions({ clientId, protocolVersion, sessionExpirySeconds }));
  await client.connect(world.broker().url());
  const granted = await client.subscribe(request.filter, { qos: request.qos });
  expectGranted(client, request.filter, granted[0]?.qos, request.qos);
  return client;
}

/** Same client id, clean session (3.1.1) / clean start (5): the broker throws the old session away. */
export async function reconnectWithCleanSession(world: LabWorld, name: string): Promise<void> {
  await world.existingClient(name).connect(world.broker().url(), { clean: true });
}

/** Disconnects cleanly, stays away `seconds`, and comes back asking for its durable session. */
export async function comeBackAfter(world: LabWorld, name: string, seconds: number): Promise<void> {
  const client = world.existingClient(name);
  await client.disconnect();
  // Time IS the behaviour: a session expiry interval only means something once it has passed.
  await letTimePass(seconds);
  await client.connect(world.broker().url(), { clean: false });
}

/**
 * A second device that uses another's client id: a cloned SD-card image, a copy-pasted
 * configuration. It speaks the same protocol and asks for the durable session, as the
 * original would.
 */
export async function connectWithClientIdOf(world: LabWorld, name: string, originalName: string): Promise<LabClient> {
  const original = world.existingClient(originalName);
  const twin = world.client(name, original.protocolVersion, { clientId: original.clientId });
  await twin.connect(world.broker().url(), { clean: false });
  return twin;
}
