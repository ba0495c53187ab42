/**
 * Scenarios with several brokers: each broker has a name ("the hub", "edge-1") that is also its
 * host name on the scenario's Docker network, exactly as a compose file's service names, so a
 * bridge in brokers/labNN/ says `address hub:1883`. Clients are connected to one broker by name.
 */
import { IClientOptions } from 'mqtt';
import { LabClient, ProtocolVersion } from '../clients/lab-client';
import { LabWorld } from '../world/world';

/** Starts a named broker from a lab file on the scenario network, under its own name. */
export async function startNamedBroker(world: LabWorld, name: string, configRef: string): Promise<void> {
  await world.startBroker(name, configRef, { networked: true });
}

/**
 * The client, connected to the named broker: connected on first use, and connected anew when
 * it is on another broker (or on none, after a fault or a disconnect).
 */
export async function clientOn(world: LabWorld, name: string, broker: string, clientOptions: IClientOptions = {}, protocolVersion?: ProtocolVersion): Promise<LabClient> {
  const client = world.client(name, protocolVersion);
  const url = world.broker(broker).url();
  if (!client.isConnected || client.connectedUrl !== url) {
    // Moving to another broker: say goodbye to the old one first, as a real client would.
    if (client.isConnected) await client.disconnect();
    await client.connect(url, clientOptions);
  }
  return client;
}
