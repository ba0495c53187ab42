/**
 * Every scenario's packet exchange, passed ones included, as a picture in the HTML report: the
 * sequence diagram of support/report/sequence-diagram.ts, rendered to SVG and attached to the
 * scenario. MQTT_LABS_DIAGRAMS=0 turns it off. Where no Chromium is installed, the diagram's
 * Mermaid text is attached instead (paste it into any Mermaid viewer).
 */
import type { LabWorld } from '../world/world';
import type { Broker } from '../brokers/broker';
import { BrokerLane, sequenceDiagram } from './sequence-diagram';
import { renderSvg } from './diagram-renderer';

/** Container ports the labs' listeners use: a client's URL names the host port of one of them. */
const LISTENER_PORTS = [1883, 1884, 8883, 8884, 8080, 8081, 9001, 9002, 9443];

export const diagramsWanted = (): boolean => process.env.MQTT_LABS_DIAGRAMS !== '0';

/** After this many diagrams that could not be drawn, the worker stops trying (no Chromium, say). */
const GIVE_UP_AFTER = 3;
let failures = 0;

/** Attaches the scenario's diagram. Never fails the scenario: a picture is not a test result. */
export async function attachPacketDiagram(world: LabWorld): Promise<void> {
  if (!diagramsWanted()) return;
  try {
    await attachDiagramOf(world);
  } catch (error) {
    world.log(`No sequence diagram for this scenario: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

async function attachDiagramOf(world: LabWorld): Promise<void> {
  const lanes = [...world.brokers].map(([name, broker]) => ({ name, ports: publishedPorts(broker) }) satisfies BrokerLane);
  const definition = sequenceDiagram([...world.clients.values()], lanes);
  if (!definition) return;
  if (failures < GIVE_UP_AFTER) {
    try {
      const svg = await renderSvg(definition);
      world.attach(Buffer.from(svg), { mediaType: 'image/svg+xml', fileName: 'MQTT packets (sequence diagram)' });
      return;
    } catch (error) {
      failures++;
      const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
      world.log(`The sequence diagram is attached as Mermaid text: it could not be drawn (${why})`);
    }
  }
  world.attach(definition, { mediaType: 'text/plain', fileName: 'MQTT packets (Mermaid sequence diagram).mmd' });
}

function publishedPorts(broker: Broker): Set<number> {
  const ports = new Set<number>();
  for (const port of LISTENER_PORTS) {
    try {
      ports.add(broker.getMappedPort(port));
    } catch {
      // Not a port this broker publishes.
    }
  }
  return ports;
}
