/**
 * Where a client reaches a service's listener from this machine: one notion for every transport
 * (MQTT, MQTT over TLS, WebSockets, the HTTP files of a websockets listener, a load balancer's
 * front end), instead of URL strings built by hand in each lab. The port is the one Docker
 * publishes for the listener's container port; the host is the name the client dials, which
 * matters for TLS: the broker's certificate names `localhost`, so a client dialling 127.0.0.1
 * must refuse it.
 */

export interface Endpoint {
  /** "mqtt", "mqtts", "ws", "wss", "http" or "https". */
  readonly scheme: string;
  readonly host: string;
  readonly port: number;
  readonly url: string;
}

/** What endpointOf needs of a started service (a Broker is one). */
export interface Reachable {
  getHost(): string;
  getMappedPort(containerPort: number): number;
}

export function endpointOf(service: Reachable, scheme: string, containerPort: number, host = service.getHost()): Endpoint {
  const port = service.getMappedPort(containerPort);
  return { scheme, host, port, url: `${scheme}://${host}:${port}` };
}
