/**
 * Lab 7: MQTT 5 user properties as a list of name/value pairs, and how MQTT.js carries them.
 *
 * WHY: user properties are MQTT 5's free-form metadata: a trace id, the unit of a reading, the
 * schema version of a payload, the site a device belongs to. They travel next to the payload,
 * so a consumer can route or filter without parsing the payload, and the broker forwards them
 * unchanged to MQTT 5 subscribers (spec 3.3.2.3.7: the receiver MUST get them in the same
 * order, and a name MAY appear more than once). MQTT 3.1.1 subscribers get the payload only:
 * never put something a 3.1.1 consumer needs into a user property.
 *
 * HOW MQTT.js REPRESENTS THEM: not as a list of pairs, but as an object,
 *     { site: 'kitchen', unit: 'celsius', tag: ['indoor', 'calibrated'] }
 *   - Sending (mqtt-packet's writeToStream): one pair per key in the object's key order; an
 *     array value becomes one pair per element, in array order, all right after each other.
 *   - Receiving (mqtt-packet's parser): a name seen once gives a string, a name seen again
 *     turns the value into an array of all its values, in the order they arrived.
 *   So MQTT.js keeps the order of distinct names and the order of a repeated name's values,
 *   but it cannot express pairs that interleave (tag=a, site=x, tag=b is sent as tag=a,
 *   tag=b, site=x), and on receipt you cannot tell whether they were interleaved. Also, a
 *   JavaScript object puts integer-like keys ("1", "42") first, whatever order you wrote them.
 *   The helpers below convert between pairs and MQTT.js's object and refuse the cases that
 *   MQTT.js would silently reorder, so what you send is what you meant.
 */
import type { UserProperties } from 'mqtt-packet';

export type UserProperty = readonly [name: string, value: string];

/** Pairs -> MQTT.js object. Throws if MQTT.js could not keep the pairs in this order. */
export function toMqttJsUserProperties(pairs: readonly UserProperty[]): UserProperties {
  const result: UserProperties = {};
  let previousName: string | undefined;
  for (const [name, value] of pairs) {
    if (/^(0|[1-9]\d*)$/.test(name)) {
      throw new Error(`MQTT.js would move the integer-like user property name "${name}" to the front; use a non-numeric name`);
    }
    const existing = result[name];
    if (existing === undefined) {
      result[name] = value;
    } else if (name !== previousName) {
      throw new Error(`User property "${name}" comes back after another name: MQTT.js would send all "${name}" pairs together`);
    } else {
      result[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
    previousName = name;
  }
  return result;
}

/** MQTT.js object (as received) -> pairs, in the order MQTT.js keeps them. */
export function fromMqttJsUserProperties(properties: UserProperties | undefined): UserProperty[] {
  if (!properties) return [];
  return Object.entries(properties).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((v) => [name, String(v)] as const),
  );
}
