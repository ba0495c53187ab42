/**
 * Lab 5: request/reply over MQTT 5, as two small classes you can copy.
 *
 * WHY: MQTT is publish/subscribe. A publisher never learns who (if anyone) got its message, and
 * nobody "answers" a publish. Yet devices and services often need a question answered: "what is
 * your firmware version?", "switch the heater on and tell me if it worked". MQTT 5 added two
 * PUBLISH properties for exactly this (spec section 4.10, Request / Response):
 *   - Response Topic: the topic the responder should publish its answer to. The requester puts it
 *     in the request, so the responder needs no configuration to know where to answer.
 *   - Correlation Data: opaque bytes the responder copies into its answer unchanged. They tell
 *     the requester WHICH of its requests an answer belongs to. Without them, two requests in
 *     flight whose answers arrive in the other order would be mixed up.
 * The broker passes both on untouched to MQTT 5 subscribers [MQTT-3.3.2-15], [MQTT-3.3.2-16].
 * An MQTT 3.1.1 subscriber gets the payload only: 3.1.1 has no properties, so a 3.1.1 client can
 * never be a responder of this kind.
 *
 * HOW the Requester works, and why each step is there:
 *   1. ONE response topic PER REQUESTER (default: replies/<client id>). If all requesters shared
 *      one response topic, every requester would receive every answer and would have to throw
 *      most of them away; worse, any client could read answers meant for another. With one
 *      topic per requester, an ACL line such as `pattern read replies/%c/#` (brokers/lab05/
 *      request-reply.acl) lets each client read its own answers and nobody else's.
 *   2. SUBSCRIBE BEFORE THE FIRST REQUEST. A fast responder can answer within a millisecond.
 *      If the requester subscribed only after publishing, the answer could reach the broker
 *      while nobody is subscribed to the response topic, and the broker would drop it (it is
 *      not retained). start() waits for the SUBACK, so the subscription exists before request()
 *      can be called.
 *   3. A FRESH CORRELATION ID PER REQUEST, kept in a map of pending requests. An answer is
 *      matched by its correlation data, never by arrival order: answers may come in any order.
 *   4. A TIMEOUT PER REQUEST. Nothing in MQTT tells a requester that nobody listens on the
 *      request topic (v5's PUBACK "no matching subscribers" is only a hint, and a QoS 0 request
 *      gets no PUBACK at all). So every request ends: with its answer, or with a
 *      RequestTimeoutError after `timeoutMs`, and is then removed from the pending map; an
 *      answer that arrives later is ignored.
 *   5. A lost connection fails every pending request at once instead of letting them time out.
 *
 * The Responder subscribes to the request topic, runs your handler for each request that has a
 * Response Topic, and publishes the handler's answer there with the request's Correlation Data.
 * Two things about it are easy to get wrong:
 *   - It must speak MQTT 5, like the Requester: on an MQTT 3.1.1 connection the broker strips
 *     the Response Topic from every request, so a responder there would silently answer nothing.
 *     The constructor refuses such a client instead.
 *   - Several responders can share the work with a shared subscription
 *     (`$share/workers/services/square`, spec 4.8.2): the broker gives each request to ONE of
 *     them. The request then arrives on its own topic (`services/square`), not on the filter with
 *     its `$share/<group>/` prefix, so the responder matches topics against the filter without it.
 */
import { randomUUID } from 'node:crypto';
import type { IClientPublishOptions, IPublishPacket, MqttClient } from 'mqtt';
// One matcher for every lab, with the `$` rule (see the file for why it is shared).
import { topicMatches } from '../shared/topic-filter';

/** The answer to a request, as the requester receives it. */
export interface Reply {
  topic: string;
  payload: Buffer;
  /** The payload as UTF-8 text. */
  text: string;
  properties: IPublishPacket['properties'];
}

/** A request as the responder's handler sees it. */
export interface IncomingRequest {
  topic: string;
  payload: Buffer;
  text: string;
  responseTopic: string;
  correlationData?: Buffer;
}

/** Computes the answer to one request; may take its time (return a promise). */
export type RequestHandler = (request: IncomingRequest) => string | Buffer | Promise<string | Buffer>;

/** Nobody answered in time: no responder, a responder that is down, or an ACL that hides the answer. */
export class RequestTimeoutError extends Error {
  constructor(
    readonly requestTopic: string,
    readonly timeoutMs: number,
  ) {
    super(`No response to the request on "${requestTopic}" within ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}

/** The responder's handler failed; the responder said so instead of letting the request time out. */
export class RequestFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequestFailedError';
  }
}

/** The user property a Responder sets on an answer when its handler threw. */
const STATUS_PROPERTY = 'status';

export interface RequesterOptions {
  /** Where responders answer. Default: replies/<client id>, one topic per requester (see 1. above). */
  responseTopic?: string;
  /** How long a request waits for its answer. */
  timeoutMs?: number;
}

interface PendingRequest {
  resolve: (reply: Reply) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** Sends requests and matches the answers to them. The client must speak MQTT 5. */
export class Requester {
  readonly responseTopic: string;
  private readonly timeoutMs: number;
  private readonly pending = new Map<string, PendingRequest>();
  private started = false;

  constructor(
    private readonly client: MqttClient,
    options: RequesterOptions = {},
  ) {
    if (client.options.protocolVersion !== 5) {
      throw new Error('Request/reply needs MQTT 5: MQTT 3.1.1 has no Response Topic or Correlation Data');
    }
    this.responseTopic = options.responseTopic ?? `replies/${client.options.clientId}`;
    // A response topic is a topic NAME, something to publish to: wildcards are not allowed
    // [MQTT-3.3.2-14]. Mosquitto 2.0.20+ answers such a request with DISCONNECT 0x82 (protocol
    // error), which would take down every other request on this connection too.
    if (/[+#]/.test(this.responseTopic)) {
      throw new Error(`A response topic must not contain + or #: "${this.responseTopic}"`);
    }
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  /** Subscribes to the response topic. Call it (and wait for it) before the first request. */
  async start(): Promise<void> {
    this.client.on('message', this.onMessage);
    this.client.on('close', this.onClose);
    const [grant] = await this.client.subscribeAsync(this.responseTopic, { qos: 1 });
    if (!grant || grant.qos >= 0x80) {
      throw new Error(`The broker refused the subscription to the response topic "${this.responseTopic}"`);
    }
    this.started = true;
  }

  /** Publishes a request and resolves with its answer, or rejects after the timeout. */
  request(topic: string, payload: string | Buffer, options: { timeoutMs?: number } = {}): Promise<Reply> {
    if (!this.started) return Promise.reject(new Error('Call start() before request(): the answer could arrive before the subscription'));
    const correlationId = randomUUID();
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => this.settle(correlationId, new RequestTimeoutError(topic, timeoutMs)), timeoutMs);
      this.pending.set(correlationId, { resolve, reject, timer });
      const publishOptions: IClientPublishOptions = {
        // QoS 1: the request reaches the broker even if the network hiccups. (The answer's
        // timeout still covers a responder that never gets it.)
        qos: 1,
        properties: { responseTopic: this.responseTopic, correlationData: Buffer.from(correlationId) },
      };
      this.client.publish(topic, payload, publishOptions, (error) => {
        if (error) this.settle(correlationId, error);
      });
    });
  }

  /** Requests that are still waiting for their answer. */
  get pendingCount(): number {
    return this.pending.size;
  }

  /** Stops listening; every pending request fails. */
  async stop(): Promise<void> {
    this.client.off('message', this.onMessage);
    this.client.off('close', this.onClose);
    for (const id of [...this.pending.keys()]) this.settle(id, new Error('The requester was stopped before the answer arrived'));
    if (this.started && this.client.connected) await this.client.unsubscribeAsync(this.responseTopic).catch(() => undefined);
    this.started = false;
  }

  private readonly onMessage = (topic: string, payload: Buffer, packet: IPublishPacket): void => {
    if (topic !== this.responseTopic) return;
    const correlationId = packet.properties?.correlationData?.toString();
    // No correlation data, or an id we no longer wait for (it timed out): not ours to handle.
    if (correlationId === undefined || !this.pending.has(correlationId)) return;
    const status = packet.properties?.userProperties?.[STATUS_PROPERTY];
    if (status === 'error') {
      this.settle(correlationId, new RequestFailedError(`The responder could not answer: ${payload.toString()}`));
      return;
    }
    this.settle(correlationId, undefined, { topic, payload, text: payload.toString(), properties: packet.properties });
  };

  private readonly onClose = (): void => {
    for (const id of [...this.pending.keys()]) this.settle(id, new Error('The connection closed before the answer arrived'));
  };

  /** Ends one pending request exactly once: with its answer or with an error. */
  private settle(correlationId: string, error?: Error, reply?: Reply): void {
    const request = this.pending.get(correlationId);
    if (!request) return;
    this.pending.delete(correlationId);
    clearTimeout(request.timer);
    if (error) request.reject(error);
    else request.resolve(reply!);
  }
}

/** Answers requests on a topic filter. The client must speak MQTT 5 to see the properties. */
export class Responder {
  /** The filter the requests' topics match: requestFilter without a `$share/<group>/` prefix. */
  private readonly topicFilter: string;

  constructor(
    private readonly client: MqttClient,
    private readonly requestFilter: string,
    private readonly handler: RequestHandler,
  ) {
    if (client.options.protocolVersion !== 5) {
      throw new Error('Request/reply needs MQTT 5: on MQTT 3.1.1 the requests arrive without their Response Topic, so a responder could never answer');
    }
    this.topicFilter = withoutSharePrefix(requestFilter);
  }

  async start(): Promise<void> {
    this.client.on('message', this.onMessage);
    const [grant] = await this.client.subscribeAsync(this.requestFilter, { qos: 1 });
    if (!grant || grant.qos >= 0x80) throw new Error(`The broker refused the subscription to "${this.requestFilter}"`);
  }

  async stop(): Promise<void> {
    this.client.off('message', this.onMessage);
    if (this.client.connected) await this.client.unsubscribeAsync(this.requestFilter).catch(() => undefined);
  }

  private readonly onMessage = (topic: string, payload: Buffer, packet: IPublishPacket): void => {
    // The client may have other subscriptions: handle only what this filter asked for.
    if (!topicMatches(this.topicFilter, topic)) return;
    const responseTopic = packet.properties?.responseTopic;
    // A plain message, not a request: there is nowhere to answer.
    if (!responseTopic) return;
    const request: IncomingRequest = { topic, payload, text: payload.toString(), responseTopic };
    // Correlation data is optional in the spec: copy it only when the request has some.
    const correlationData = packet.properties?.correlationData;
    if (correlationData !== undefined) request.correlationData = correlationData;
    // Each request is handled on its own: a slow answer does not hold up the others.
    void this.answer(request);
  };

  private async answer(request: IncomingRequest): Promise<void> {
    let body: string | Buffer;
    let failed = false;
    try {
      body = await this.handler(request);
    } catch (error) {
      // Answer anyway, marked as an error, so the requester fails now instead of timing out.
      body = (error as Error).message;
      failed = true;
    }
    const properties: NonNullable<IClientPublishOptions['properties']> = {};
    // Copied unchanged: it is how the requester recognises the answer. Without it, the
    // requester would have to guess which question this answers.
    if (request.correlationData !== undefined) properties.correlationData = request.correlationData;
    if (failed) properties.userProperties = { [STATUS_PROPERTY]: 'error' };
    this.client.publish(request.responseTopic, body, { qos: 1, properties }, () => undefined);
  }
}

/**
 * `$share/workers/services/square` -> `services/square`. A shared subscription's filter is
 * `$share/<share name>/<topic filter>` (spec 4.8.2); messages arrive on topics that match the
 * topic filter part. Other filters are returned as they are.
 */
export function withoutSharePrefix(filter: string): string {
  const shared = /^\$share\/[^/+#]+\/(.+)$/.exec(filter);
  return shared?.[1] ?? filter;
}
