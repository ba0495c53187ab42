/**
 * Lab 14: the id that lets a subscriber recognise the same message arriving from two brokers.
 *
 * WHY an MQTT 5 user property and not a field in the payload: the payload stays the
 * application's own (JSON, a number, a picture: the id needs no format in it), and a subscriber
 * reads the id without parsing the payload. The broker must forward user properties unaltered
 * and in order [MQTT-3.3.2-17, MQTT-3.3.2-18], so the id that left the publisher is the id that
 * arrives, whichever broker carried it. The price: MQTT 5 on both ends. With MQTT 3.1.1
 * clients, put the id into the payload instead (e.g. {"id": "...", "value": ...}).
 *
 * WHY "<publisher>:<sequence>": the sequence alone would clash between two publishers; the
 * publisher part makes the id unique, and the sequence lets a reader check the ORDER per
 * publisher (the brokers keep each publisher's order, lab 2).
 */
export const MESSAGE_ID_PROPERTY = 'message-id';

export function messageId(publisher: string, sequence: number): string {
  return `${publisher}:${sequence}`;
}

/** The id a received PUBLISH carries, if any (MQTT.js gives a repeated property as an array). */
export function messageIdOf(userProperties: Record<string, string | string[]> | undefined): string | undefined {
  const value = userProperties?.[MESSAGE_ID_PROPERTY];
  return Array.isArray(value) ? value[0] : value;
}
