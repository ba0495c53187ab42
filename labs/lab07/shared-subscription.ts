/**
 * Lab 7: a pool of workers that share one stream of jobs (MQTT 5 shared subscriptions).
 *
 * WHY: with a normal subscription every subscriber gets its own copy of each message. That is
 * what a dashboard wants, but not what a pool of workers wants: three instances of an order
 * processor subscribed to `orders/#` would each process every order, three times in total.
 * MQTT 5 (spec section 4.8.2) lets subscribers form a *group*: the broker hands each message
 * to ONE member of the group, so the workers split the load and each job is done once. A
 * worker that leaves (unsubscribes, disconnects, crashes) simply stops getting a share; the
 * others carry on with all of it. No coordinator, no extra queue service.
 *
 * HOW: the group is part of the topic filter: `$share/<group>/<filter>`. Everything else is a
 * plain SUBSCRIBE. Subscribers with the same group name and filter form one group; another
 * group name is another group, which again gets every message once; plain subscribers to the
 * filter still get everything. Mosquitto 2.0 deals the messages out in turn (round robin);
 * the spec leaves the choice to the broker, so do not build on the order.
 *
 * Things to know (Mosquitto 2.0, checked in features/lab07/shared-subscriptions.feature):
 *   - A shared subscription gets no retained messages when it subscribes (2.0.13+; 2.0.11
 *     sent them to every member). Use a plain subscription for "last known value".
 *   - MQTT 3.1.1 clients may use `$share/...` too: Mosquitto accepts it on both versions.
 *   - There is no broker option to turn shared subscriptions off in 2.0 (it is a build option).
 */

/**
 * The topic filter that joins `group` for messages matching `filter`.
 * `sharedFilter('kitchen', 'orders/#')` is `$share/kitchen/orders/#`.
 */
export function sharedFilter(group: string, filter: string): string {
  // The spec forbids these characters in a group name (ShareName): the broker would refuse
  // the SUBSCRIBE, so fail early with a clear message instead.
  if (group === '' || /[/+#]/.test(group)) {
    throw new Error(`A share group name must be non-empty and contain no "/", "+" or "#": "${group}"`);
  }
  return `$share/${group}/${filter}`;
}
