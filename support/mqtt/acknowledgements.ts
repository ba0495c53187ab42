/**
 * SUBACK and UNSUBACK as they crossed the wire. MQTT.js matches an acknowledgement to its request
 * by packet identifier and hands the application only the grants; to judge what the BROKER sent
 * (one acknowledgement, the request's packet identifier, a code per filter, in the filters'
 * order) a step reads the client's wire record instead.
 */
import type { Packet } from 'mqtt-packet';
import type { LabClient, QoS } from '../clients/lab-client';

export interface FilterRequest {
  filter: string;
  qos: QoS;
}

export interface Acknowledgement {
  /** The packet identifier of the last SUBSCRIBE or UNSUBSCRIBE the client wrote. */
  requestId: number | undefined;
  /** The packet identifiers of every SUBACK or UNSUBACK that came after it. */
  answerIds: (number | undefined)[];
  /** The codes of the first of those, one per filter (an MQTT 3.1.1 UNSUBACK has none). */
  codes: number[] | undefined;
}

type WithId = Packet & { messageId?: number; granted?: number[] };

/** Several filters in ONE SUBSCRIBE: MQTT.js sends an object of filters as a single packet. */
export async function subscribeInOnePacket(client: LabClient, requests: FilterRequest[]): Promise<void> {
  await client.raw.subscribeAsync(Object.fromEntries(requests.map((request) => [request.filter, { qos: request.qos }])));
}

/** Several filters in ONE UNSUBSCRIBE. */
export async function unsubscribeInOnePacket(client: LabClient, filters: string[]): Promise<void> {
  await client.raw.unsubscribeAsync(filters);
}

/** The last SUBSCRIBE (or UNSUBSCRIBE) the client wrote, and the acknowledgements it got for it. */
export function lastAcknowledgement(client: LabClient, request: 'subscribe' | 'unsubscribe'): Acknowledgement {
  const answer = request === 'subscribe' ? 'suback' : 'unsuback';
  const from = client.wire.map((w) => w.direction === 'sent' && w.packet.cmd === request).lastIndexOf(true);
  const answers = client.wire.slice(from + 1).filter((w) => w.direction === 'received' && w.packet.cmd === answer).map((w) => w.packet as WithId);
  return {
    requestId: from < 0 ? undefined : (client.wire[from].packet as WithId).messageId,
    answerIds: answers.map((packet) => packet.messageId),
    codes: answers[0]?.granted,
  };
}
