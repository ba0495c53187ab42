/**
 * MQTT over WebSockets from Node (lab 11, lab 1): the WebSockets listener's address, a
 * WebSocket that leaves out the `mqtt` subprotocol, and plain HTTP requests to the listener
 * (its `http_dir` files).
 */
import { request } from 'node:http';
import type { IClientOptions } from 'mqtt';
import WebSocket from 'ws';
import { Broker } from '../brokers/broker';
import { endpointOf } from '../services/endpoints';

/** The container port of the labs' `protocol websockets` listener (as in eclipse-mosquitto). */
export const WEBSOCKETS_PORT = 9001;

/** ws://localhost:<mapped 9001>: what MQTT.js dials to speak MQTT over WebSockets. */
export function webSocketUrl(broker: Broker): string {
  return endpointOf(broker, 'ws', WEBSOCKETS_PORT).url;
}

/**
 * MQTT.js options that open the WebSocket WITHOUT the `Sec-WebSocket-Protocol: mqtt` header
 * that MQTT.js normally sends: as a hand-written `new WebSocket(url)` in a page would.
 * `opened` gives the socket, to look at what the upgrade agreed.
 */
export function withoutMqttSubprotocol(): { options: IClientOptions; opened: () => WebSocket | undefined } {
  let socket: WebSocket | undefined;
  return {
    options: { createWebsocket: (url: string) => (socket = new WebSocket(url)) },
    opened: () => socket,
  };
}

export interface HttpAnswer {
  status: number;
  statusText: string;
  body: Buffer;
}

/**
 * GET `path` on the WebSockets listener, sent exactly as written (no URL clean-up, so "/../x"
 * reaches the broker as it is, the way an attacker would send it). A new connection each time
 * (`agent: false`): Mosquitto closes it after every answer.
 */
export function httpGet(broker: Broker, path: string, timeoutMs = 2_000): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const { host, port } = endpointOf(broker, 'http', WEBSOCKETS_PORT);
    const req = request({ host, port, path, method: 'GET', timeout: timeoutMs, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', body: Buffer.concat(chunks) }));
    });
    req.on('timeout', () => req.destroy(new Error(`the broker did not answer GET ${path} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}
