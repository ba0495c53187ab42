/**
 * Publishing on behalf of a scenario client, remembering the last publish so that later steps
 * can look at its outcome (the PUBACK reason code) and at the packets of its QoS handshake.
 */
import { IClientPublishOptions, Packet } from 'mqtt';
import { LabClient, PublishOutcome, QoS, TracedPacket } from '../clients/lab-client';
import { LabWorld } from '../world/world';

export interface PublishRecord {
  client: string;
  topic: string;
  outcome: PublishOutcome;
  /** The client's trace from this publish on. */
  packets: () => TracedPacket[];
}

const lastPublishes = new WeakMap<LabWorld, PublishRecord>();

export async function publishAndRecord(
  world: LabWorld,
  name: string,
  topic: string,
  payload: string | Buffer,
  options: IClientPublishOptions,
): Promise<PublishRecord> {
  const client = await world.connectedClient(name);
  const from = client.trace.length;
  const outcome = await client.publish(topic, payload, options);
  const record = { client: name, topic, outcome, packets: () => client.trace.slice(from) };
  lastPublishes.set(world, record);
  return record;
}

/** Turns a publish the broker refused or never acknowledged into a step failure that says why. */
export function expectPublished(who: string, payload: string | Buffer, topic: string, outcome: PublishOutcome): void {
  if (outcome.error) throw new Error(`${who}'s publish of "${payload}" to ${topic} failed: ${outcome.error.message}`);
}

/** Publishes and fails the step unless the QoS handshake ended successfully. */
export async function publishOrFail(client: LabClient, topic: string, payload: string, options: IClientPublishOptions): Promise<void> {
  expectPublished(client.name, payload, topic, await client.publish(topic, payload, options));
}

/**
 * Publishes the payloads one after the other. At QoS 1 each publish waits for its PUBACK, so the
 * broker has routed message n before message n+1 leaves: the order is the order of the list.
 */
export async function publishAll(world: LabWorld, name: string, topic: string, payloads: string[], qos: QoS): Promise<void> {
  const publisher = await world.connectedClient(name);
  for (const payload of payloads) await publishOrFail(publisher, topic, payload, { qos });
}

export function lastPublish(world: LabWorld): PublishRecord {
  const record = lastPublishes.get(world);
  if (!record) throw new Error('No client has published yet in this scenario');
  return record;
}

const HANDSHAKE = new Set(['publish', 'puback', 'pubrec', 'pubrel', 'pubcomp']);

/**
 * The QoS handshake of the last publish as seen by its publisher: "PUBLISH, PUBREC, PUBREL,
 * PUBCOMP". Only packets of that message id count (other traffic may interleave).
 */
export function handshakeOf(record: PublishRecord): string {
  const packets = record.packets().filter((t) => HANDSHAKE.has(t.packet.cmd));
  const first = packets.find((t) => t.direction === 'sent' && t.packet.cmd === 'publish');
  if (!first) return '';
  const messageId = (first.packet as Packet & { messageId?: number }).messageId;
  return packets
    .filter((t) => t === first || (messageId !== undefined && (t.packet as Packet & { messageId?: number }).messageId === messageId))
    .filter((t) => t === first || t.packet.cmd !== 'publish')
    .map((t) => t.packet.cmd.toUpperCase())
    .join(', ');
}
