/**
 * Which PUBLISHes a bridge carried, for the sequence diagram. The test process sees only its own
 * clients' sockets, never the connection between two brokers, so a bridge's traffic is not
 * drawn from packets: it is INFERRED, and only where it is certain:
 *   a client on broker X received a PUBLISH (topic T', payload P) that no client published on X
 *   before, a client published P on another broker Y before it, and the bridges' topic lines
 *   (read from the files the brokers ran, support/brokers/bridge-config.ts) map that topic from
 *   Y to X as T', hop by hop.
 * Nothing else could have put that message on X, so the hop is drawn. A bridge's own packets
 * (CONNECT, SUBSCRIBE, PINGREQ, its state topic) are not drawn: no one here saw them.
 */
import { carries, BridgeTopic } from '../brokers/bridge-config';
import { topicMatches } from '../../labs/shared/topic-filter';

/** One bridge as a lane of the diagram: the broker whose file holds it and the one it reaches. */
export interface BridgeLane {
  /** The `connection` name in the local broker's file. */
  name: string;
  local: string;
  remote: string;
  topics: BridgeTopic[];
}

/** A PUBLISH a scenario client sent or received, where, and in which order this process saw it. */
export interface SeenPublish {
  broker: string;
  topic: string;
  payload: string;
  qos: number;
  seen: number;
}

/** One hop of a message across one bridge. */
export interface BridgeHop {
  bridge: BridgeLane;
  from: { broker: string; topic: string };
  to: { broker: string; topic: string };
  qos: number;
  /** The topic line that carried it, as written in the file. */
  line: BridgeTopic;
}

/** The topic a bridge gives a message crossing it from `broker`, or undefined if no line carries it. */
function crossing(bridge: BridgeLane, broker: string, topic: string): { broker: string; topic: string; line: BridgeTopic } | undefined {
  const outward = bridge.local === broker;
  if (!outward && bridge.remote !== broker) return undefined;
  for (const line of bridge.topics) {
    if (!carries(line, outward ? 'out' : 'in')) continue;
    const [fromPrefix, toPrefix] = outward ? [line.localPrefix, line.remotePrefix] : [line.remotePrefix, line.localPrefix];
    if (!topic.startsWith(fromPrefix)) continue;
    const inner = topic.slice(fromPrefix.length);
    if (topicMatches(line.pattern, inner)) return { broker: outward ? bridge.remote : bridge.local, topic: toPrefix + inner, line };
  }
  return undefined;
}

/**
 * The hops that took a message published on `origin` to `target` (broker and topic), breadth
 * first, at most one visit per broker (try_private and the loop rules of lab 16 aside, the
 * shortest path is the one drawn). Undefined when the bridges cannot carry it there.
 */
export function pathAcross(bridges: BridgeLane[], origin: SeenPublish, target: { broker: string; topic: string }): BridgeHop[] | undefined {
  const queue: { broker: string; topic: string; qos: number; hops: BridgeHop[] }[] = [{ broker: origin.broker, topic: origin.topic, qos: origin.qos, hops: [] }];
  const visited = new Set([origin.broker]);
  while (queue.length > 0) {
    const here = queue.shift()!;
    if (here.hops.length > 0 && here.broker === target.broker && here.topic === target.topic) return here.hops;
    for (const bridge of bridges) {
      const next = crossing(bridge, here.broker, here.topic);
      if (!next || visited.has(next.broker)) continue;
      visited.add(next.broker);
      const qos = Math.min(here.qos, next.line.qos);
      const hop = { bridge, from: { broker: here.broker, topic: here.topic }, to: { broker: next.broker, topic: next.topic }, qos, line: next.line };
      queue.push({ broker: next.broker, topic: next.topic, qos, hops: [...here.hops, hop] });
    }
  }
  return undefined;
}

/**
 * For a PUBLISH a client received: the hops that brought it, or undefined when it was published
 * on its own broker (or came from anywhere the bridges cannot explain: a will, a retained copy).
 */
export function hopsBefore(received: SeenPublish, sent: SeenPublish[], bridges: BridgeLane[]): { origin: SeenPublish; hops: BridgeHop[] } | undefined {
  const earlier = sent.filter((s) => s.seen < received.seen && s.payload === received.payload);
  if (earlier.some((s) => s.broker === received.broker && s.topic === received.topic)) return undefined;
  // The latest matching publish: a payload sent twice crossed with the later one.
  for (const origin of [...earlier].reverse()) {
    if (origin.broker === received.broker) continue;
    const hops = pathAcross(bridges, origin, received);
    if (hops) return { origin, hops };
  }
  return undefined;
}
