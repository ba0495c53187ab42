/**
 * The labs' one topic matcher (labs/shared/topic-filter.ts) against the rules of MQTT 5 spec
 * section 4.7, the `$` rule [MQTT-4.7.2-1] included.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { topicMatches } from '../../labs/shared/topic-filter';

const cases: [filter: string, topic: string, matches: boolean][] = [
  ['home/living/temperature', 'home/living/temperature', true],
  ['home/+/temperature', 'home/living/temperature', true],
  ['home/+/temperature', 'home/living/sofa/temperature', false],
  ['home/+/temperature', 'home//temperature', true],
  ['home/+', 'home', false],
  ['home/#', 'home', true],
  ['home/#', 'home/kitchen/oven/temperature', true],
  ['#', 'home/kitchen', true],
  ['home/kitchen', 'home/kitchen/oven', false],
  ['home/kitchen/oven', 'home/kitchen', false],
  // [MQTT-4.7.2-1]: a filter starting with a wildcard does not match a topic starting with $.
  ['#', '$SYS/broker/uptime', false],
  ['+/broker/uptime', '$SYS/broker/uptime', false],
  ['$SYS/#', '$SYS/broker/uptime', true],
  ['$SYS/+/uptime', '$SYS/broker/uptime', true],
  ['config/#', '$state-store-barrier/x', false],
];

for (const [filter, topic, matches] of cases) {
  test(`"${filter}" ${matches ? 'matches' : 'does not match'} "${topic}"`, () => {
    assert.equal(topicMatches(filter, topic), matches);
  });
}
