/**
 * Lab 17: an administrator's client for the dynamic security plugin, speaking its MQTT API.
 *
 * mosquitto_ctrl is nothing more than this: the plugin listens on the topic
 * `$CONTROL/dynamic-security/v1` for a JSON object `{"commands": [ ... ]}` and answers on
 * `$CONTROL/dynamic-security/v1/response` with `{"responses": [ ... ]}`, one response per
 * command, in the same order, each with the command's name, its `correlationData` copied back,
 * and an `error` text when the plugin refused it. Only a client whose roles allow it to publish
 * to, subscribe to and receive those topics can do this (the admin role of
 * brokers/lab17/dynamic-security.json).
 *
 * WHY correlation data: every administrator (every mosquitto_ctrl, every copy of this app)
 * reads the SAME response topic, so a client must pick out the answers to its own commands.
 * WHY subscribe before publishing: the plugin answers at once; a response published before the
 * subscription exists is lost (it is not retained).
 */
import { randomBytes } from 'node:crypto';
import type { MqttClient } from 'mqtt';

export const CONTROL_TOPIC = '$CONTROL/dynamic-security/v1';
export const RESPONSE_TOPIC = `${CONTROL_TOPIC}/response`;

/** One command: its name and its fields, as https://mosquitto.org/documentation/dynamic-security/ lists them. */
export interface DynsecCommand {
  command: string;
  [field: string]: unknown;
}

/** The plugin's answer to one command. */
export interface DynsecResponse {
  command: string;
  /** Set when the plugin refused the command: "Client already exists", "Role not found", ... */
  error?: string;
  correlationData?: string;
  /** What a get/list command returns. */
  data?: unknown;
}

export class DynsecAdmin {
  private subscribed = false;

  /** `client`: connected as a user whose role may use the $CONTROL/dynamic-security topics. */
  constructor(
    private readonly client: MqttClient,
    private readonly timeoutMs = 5_000,
  ) {}

  /**
   * Sends the commands in one message and resolves with the plugin's responses, in the order
   * of the commands. Fails if the answer does not come within the timeout (the plugin not
   * loaded, or the user not allowed to read the response topic: the broker then drops the
   * answer without a word).
   */
  async send(commands: DynsecCommand[]): Promise<DynsecResponse[]> {
    if (!this.subscribed) {
      const [grant] = await this.client.subscribeAsync(RESPONSE_TOPIC, { qos: 1 });
      if (grant === undefined || grant.qos >= 0x80) throw new Error(`the broker refused the subscription to ${RESPONSE_TOPIC} (SUBACK ${grant?.qos}): is this user an admin?`);
      this.subscribed = true;
    }
    const tag = randomBytes(4).toString('hex');
    const tagged = commands.map((command, i) => ({ ...command, correlationData: `${tag}-${i}` }));
    const answered = this.responsesTo(tagged.map((c) => c.correlationData));
    // QoS 1: the PUBACK says the broker took the command (for MQTT 5, a PUBACK 0x87 rejects the
    // publish: this user may not send commands at all).
    await this.client.publishAsync(CONTROL_TOPIC, JSON.stringify({ commands: tagged }), { qos: 1 });
    return answered;
  }

  /** Collects the responses with these correlation data, wherever other admins' answers fall in between. */
  private responsesTo(ids: string[]): Promise<DynsecResponse[]> {
    return new Promise((resolve, reject) => {
      const found = new Map<string, DynsecResponse>();
      const onMessage = (topic: string, payload: Buffer) => {
        if (topic !== RESPONSE_TOPIC) return;
        const { responses } = JSON.parse(payload.toString('utf8')) as { responses?: DynsecResponse[] };
        for (const response of responses ?? []) {
          if (response.correlationData !== undefined && ids.includes(response.correlationData)) found.set(response.correlationData, response);
        }
        if (found.size === ids.length) finish();
      };
      const timer = setTimeout(() => {
        this.client.off('message', onMessage);
        reject(new Error(`no answer on ${RESPONSE_TOPIC} within ${this.timeoutMs} ms: is the dynamic security plugin loaded?`));
      }, this.timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.client.off('message', onMessage);
        resolve(ids.map((id) => found.get(id)!));
      };
      this.client.on('message', onMessage);
    });
  }
}
