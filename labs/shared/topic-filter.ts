/**
 * MQTT topic filter matching, the one copy the labs share (lab 5's Responder and lab 10's
 * RetainedStateStore both use it).
 *
 * WHY a client matches topics itself: the broker delivers every message that matches ANY of a
 * connection's subscriptions to the same 'message' event. A class that owns one subscription on
 * a client that has others (a responder on a dashboard's connection, a state store beside a
 * telemetry feed) must pick out the messages of its own filter, or it would handle the others'.
 *
 * WHY it lives in labs/shared/ and not in each lab: two copies drifted apart before (lab 10's
 * lacked the `$` rule below, so a state store on `#` would have taken `$SYS/...` for state).
 * When you copy a lab's code into your project, copy this file with it; in a project of your
 * own, a maintained package such as `mqtt-match` or `mqtt-pattern` does the same job.
 *
 * The rules (MQTT 5 spec 4.7):
 *   - `+` matches exactly one level, an empty one too: `home/+/temp` matches `home//temp`.
 *   - `#` is last and matches the parent level and any number of levels below it:
 *     `home/#` matches `home`, `home/kitchen` and `home/kitchen/oven/temp`.
 *   - A filter that STARTS with a wildcard does not match a topic that starts with `$`
 *     [MQTT-4.7.2-1]: `#` and `+/info` never see `$SYS/broker/uptime`. Topics starting with `$`
 *     are the broker's own (or reserved for it); a client asks for them by name (`$SYS/#`).
 */
export function topicMatches(filter: string, topic: string): boolean {
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false;
  const filterLevels = filter.split('/');
  const topicLevels = topic.split('/');
  for (let i = 0; i < filterLevels.length; i++) {
    const level = filterLevels[i];
    // `#` covers whatever is left, including nothing: `home/#` matches `home` itself.
    if (level === '#') return true;
    if (i >= topicLevels.length) return false;
    if (level !== '+' && level !== topicLevels[i]) return false;
  }
  // Every filter level matched: the topic must not have more levels than the filter.
  return filterLevels.length === topicLevels.length;
}
