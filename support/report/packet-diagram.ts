/**
 * Every scenario's packet exchange, passed ones included, as a picture in the HTML report: the
 * Mermaid text of support/report/sequence-diagram.ts is attached to the scenario, and the report
 * draws it when it is opened (scripts/report-diagrams.ts puts the installed mermaid package
 * beside the report). Drawing in the report costs the run nothing: attaching the text takes
 * about a millisecond, where drawing SVG during the run would cost each worker seconds of
 * Chromium and Mermaid start-up. MQTT_LABS_DIAGRAMS=0 leaves the diagrams out.
 */
import type { LabWorld } from '../world/world';
import type { Broker } from '../brokers/broker';
import { BrokerLane, BridgeLane, sequenceDiagram } from './sequence-diagram';
import { runConfig } from '../run/run-config';
import { bridgeLinks } from '../mqtt/bridges';
import { Moment, stepMoments } from './step-moments';

/** The attachment's name: the report's script finds the diagrams by it. */
export const DIAGRAM_ATTACHMENT = 'MQTT packets (sequence diagram)';

/** Container ports the labs' listeners use: a client's URL names the host port of one of them. */
const LISTENER_PORTS = [1883, 1884, 8883, 8884, 8080, 8081, 9001, 9002, 9443];

export const diagramsWanted = (): boolean => runConfig().diagrams;

/**
 * Attaches the scenario's diagram, once per scenario. Never fails the scenario: a picture is
 * not a test result.
 */
export function attachPacketDiagram(world: LabWorld): void {
  if (!diagramsWanted() || world.diagramAttached) return;
  world.diagramAttached = true;
  try {
    const brokers = [...world.brokers].map(([name, broker]) => ({ name, ports: publishedPorts(broker) }) satisfies BrokerLane);
    const { startedAt, moments } = stepMoments(world.pickleId);
    const definition = sequenceDiagram({ clients: [...world.clients.values()], brokers, bridges: bridgesOf(world), moments: [...moments, ...faultMoments(world)], startedAt });
    if (definition) world.attach(definition, { mediaType: 'text/plain', fileName: DIAGRAM_ATTACHMENT });
  } catch (error) {
    world.log(`No sequence diagram for this scenario: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
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

/** Each bridge of the scenario's brokers, from the files they run (support/mqtt/bridges.ts). */
function bridgesOf(world: LabWorld): BridgeLane[] {
  return bridgeLinks(world).map((link) => ({ name: link.connection.name, local: link.local, remote: link.remote, topics: link.connection.topics }));
}

/** The faults the scenario caused on its brokers (killed, stopped, cut off...), over their lanes. */
function faultMoments(world: LabWorld): Moment[] {
  return world.faults.records.filter((r) => world.brokers.has(r.broker)).map((r) => ({ at: r.at, text: r.fault, over: r.broker }));
}
