/**
 * What a broker's configuration says about its bridges, read from the same file (break-it copy
 * included) that the broker itself reads. The bridge steps use it to know which state topic
 * reports a bridge and which topics a probe may use in each direction, so nothing about a
 * bridge is written twice: edit a `topic` line and the probe follows it.
 */
import { parseConfigRef, readLabFiles } from './lab-files';

export type BridgeDirection = 'in' | 'out' | 'both';

export interface BridgeTopic {
  pattern: string;
  direction: BridgeDirection;
  qos: number;
  localPrefix: string;
  remotePrefix: string;
}

export interface BridgeConnection {
  name: string;
  /** Host names from `address`/`addresses`: in a scenario, the names of the other brokers. */
  remoteHosts: string[];
  /** `remote_clientid`; Mosquitto's default is `<hostname>.<connection name>`. */
  remoteClientId?: string;
  topics: BridgeTopic[];
}

/** The `connection` blocks of brokers/<lab>/<file> as the broker will see them. */
export function bridgeConnections(configRef: string): BridgeConnection[] {
  const ref = parseConfigRef(configRef);
  const file = readLabFiles(ref).find((f) => f.name === ref.configFile)!;
  const connections: BridgeConnection[] = [];
  for (const raw of file.content.toString().split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [option, ...values] = splitWords(line);
    const current = connections.at(-1);
    if (option === 'connection') connections.push({ name: values[0], remoteHosts: [], topics: [] });
    else if (!current) continue;
    else if (option === 'address' || option === 'addresses') current.remoteHosts.push(...values.map((v) => v.split(':')[0]));
    else if (option === 'remote_clientid') current.remoteClientId = values[0];
    else if (option === 'topic') {
      current.topics.push({
        pattern: values[0],
        direction: (values[1] ?? 'out') as BridgeDirection,
        qos: Number(values[2] ?? 0),
        localPrefix: values[3] ?? '',
        remotePrefix: values[4] ?? '',
      });
    }
  }
  return connections;
}

/** Words of a config line; `""` is an empty word (an empty prefix, as Mosquitto reads it). */
function splitWords(line: string): string[] {
  return line.split(/\s+/).map((word) => (word === '""' ? '' : word));
}

/** Does a bridge topic line carry messages in this direction? */
export function carries(topic: BridgeTopic, direction: 'in' | 'out'): boolean {
  return topic.direction === 'both' || topic.direction === direction;
}
