/**
 * Where a client reaches a broker's listener from this machine: one notion for every transport
 * (MQTT, MQTT over TLS, WebSockets, the HTTP files of a websockets listener), instead of URL
 * strings built by hand in each lab. The port is the one Docker publishes for the listener's
 * container port; the host is the name the client dials, which matters for TLS: the broker's
 * certificate names `localhost`, so a client dialling 127.0.0.1 must refuse it.
 */
import type { Broker } from './broker';

export interface Endpoint {
  /** "mqtt", "mqtts", "ws", "wss", "http" or "https". */
  readonly scheme: string;
  readonly host: string;
  readonly port: number;
  readonly url: string;
}

export function endpointOf(broker: Broker, scheme: string, containerPort: number, host = broker.getHost()): Endpoint {
  const port = broker.getMappedPort(containerPort);
  return { scheme, host, port, url: `${scheme}://${host}:${port}` };
}
