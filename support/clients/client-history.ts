/**
 * What a scenario client saw, in MQTT words, for failure messages: the messages it received, the
 * subscriptions the broker granted it, whether it is still connected. A failure that says "never
 * arrived" is only half the story without "subscribed to public/# (granted QoS 0), received
 * nothing else": that is what tells a learner to look at the ACL rather than at the subscription.
 */
import type { Packet } from 'mqtt';
import type { ObservedClient, ReceivedMessage } from './protocol-types';
import { describeCode } from '../mqtt/reason-codes';
import { isProbe } from '../mqtt/probe-topics';

type SubscribePacket = Extract<Packet, { cmd: 'subscribe' }>;
type SubackPacket = Extract<Packet, { cmd: 'suback' }>;
type UnsubscribePacket = Extract<Packet, { cmd: 'unsubscribe' }>;
type PublishPacket = Extract<Packet, { cmd: 'publish' }>;

/** How features name a client: "the guest". */
export const theClient = (client: ObservedClient | string): string => `the ${typeof client === 'string' ? client : client.name}`;

/** `"sunny" on public/weather (QoS 1, retained, +35 ms)`. */
export function describeMessage(m: ReceivedMessage): string {
  const flags = [`QoS ${m.qos}`, ...(m.retain ? ['retained'] : []), ...(m.dup ? ['DUP'] : []), `+${m.at} ms`];
  const what = `${JSON.stringify(m.text.length > 60 ? `${m.text.slice(0, 57)}...` : m.text)} on ${m.topic} (${flags.join(', ')})`;
  // The barrier's own messages are named as such: a learner should not wonder what "probe 13" is.
  return isProbe(m.topic) ? `${what}: the barrier's probe across a bridge, not the lesson's` : what;
}

/** The messages, one per line with `indent`, at most `limit` of them; "nothing" for none. */
export function describeMessages(messages: ReceivedMessage[], indent = '    ', limit = 8): string {
  if (messages.length === 0) return 'nothing';
  const shown = messages.slice(0, limit).map((m) => `\n${indent}${describeMessage(m)}`);
  return `${messages.length} message(s):${shown.join('')}${messages.length > limit ? `\n${indent}... and ${messages.length - limit} more` : ''}`;
}

/**
 * The filters the client subscribed to on its connections and what each SUBACK answered:
 * `public/# (SUBACK granted QoS 0)`, `home/# (SUBACK 0x87 Not authorized)`, `a/b (unsubscribed)`.
 */
export function describeSubscriptions(client: ObservedClient): string {
  const filters = new Map<string, string>();
  for (const [i, t] of client.trace.entries()) {
    if (t.direction !== 'sent') continue;
    if (t.packet.cmd === 'subscribe') {
      const request = t.packet as SubscribePacket;
      const suback = client.trace.slice(i).find((r) => r.direction === 'received' && r.packet.cmd === 'suback' && r.packet.messageId === request.messageId);
      request.subscriptions.forEach((s, index) => {
        const granted = (suback?.packet as SubackPacket | undefined)?.granted[index];
        const answer = typeof granted === 'number' ? `SUBACK ${granted < 0x80 ? `granted QoS ${granted}` : describeCode(granted, 'SUBACK', client.protocolVersion)}` : 'no SUBACK';
        filters.set(s.topic, `${s.topic} (${answer})`);
      });
    } else if (t.packet.cmd === 'unsubscribe') {
      for (const filter of (t.packet as UnsubscribePacket).unsubscriptions) filters.set(filter, `${filter} (unsubscribed)`);
    }
  }
  return filters.size ? [...filters.values()].join(', ') : 'nothing';
}

/** "connected" or "not connected (its connection closed 120 ms ago)". */
export function describeConnection(client: ObservedClient): string {
  if (client.isConnected) return 'connected';
  if (client.closedAt === undefined) return 'never connected';
  return `not connected (its connection closed ${Date.now() - client.closedAt} ms ago)`;
}

/**
 * The PUBLISH packets the scenario's clients sent that `wanted` matches, and what the broker
 * answered each: "the dashboard published "sunny" to public/weather at QoS 1, answered with
 * PUBACK". That the broker took the message is what points at its delivery (an ACL's read
 * rule, the subscription) rather than at the publisher.
 */
export function describePublishes(clients: ObservedClient[], wanted: (m: ReceivedMessage) => boolean): string[] {
  return clients.flatMap((publisher) =>
    publisher.trace.flatMap((t, i) => {
      if (t.direction !== 'sent' || t.packet.cmd !== 'publish') return [];
      const p = t.packet as PublishPacket;
      const text = p.payload === undefined ? '' : String(p.payload);
      const asReceived: ReceivedMessage = { topic: p.topic, payload: Buffer.from(text), text, qos: p.qos, retain: p.retain, dup: p.dup, properties: p.properties, at: t.at };
      if (!wanted(asReceived)) return [];
      const ackType = p.qos === 2 ? 'pubrec' : 'puback';
      const ack = p.qos === 0 ? undefined : publisher.trace.slice(i).find((r) => r.direction === 'received' && r.packet.cmd === ackType && r.packet.messageId === p.messageId);
      const code = (ack?.packet as { reasonCode?: number } | undefined)?.reasonCode ?? 0;
      const answer =
        p.qos === 0
          ? 'at QoS 0 (the broker answers nothing)'
          : !ack
            ? `at QoS ${p.qos}, and the broker never acknowledged it`
            : `at QoS ${p.qos}, answered with ${ackType.toUpperCase()}${publisher.protocolVersion === 5 ? ` ${describeCode(code, 'PUBACK')}` : ''}`;
      return [`${theClient(publisher)} published ${JSON.stringify(text)} to ${p.topic} ${answer}`];
    }),
  );
}

/**
 * The lines a failure about the client's deliveries adds below its first line. `payload`, when
 * the step names one, finds the publish that should have become this message under another topic
 * (on another broker, to be carried by a bridge that maps topics), so the failure can say where
 * the message went in and what should have carried it.
 */
export function deliveryContext(client: ObservedClient, received: ReceivedMessage[] = client.inbox, wanted?: (m: ReceivedMessage) => boolean, payload?: string): string {
  const lines = [
    `  ${theClient(client)} is ${describeConnection(client)}, subscribed to: ${describeSubscriptions(client)}`,
    `  ${theClient(client)} received ${describeMessages(received)}`,
  ];
  if (wanted) {
    const published = describePublishes(client.peers(), wanted);
    const elsewhere = published.length || payload === undefined ? [] : describePublishes(client.peers(), (m) => m.text === payload);
    if (published.length) lines.push(`  meanwhile ${published.join('; ')}`);
    else if (elsewhere.length) lines.push(`  meanwhile ${elsewhere.join('; ')}: under another topic, so only a bridge's topic line (its direction and prefixes) could have brought it here`);
    else lines.push('  no client of the scenario published it');
  }
  return lines.join('\n');
}
