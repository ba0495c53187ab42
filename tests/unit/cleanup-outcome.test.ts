/**
 * What a removal did (support/docker/cleanup.ts): Docker names on stdout each item it removed
 * and on stderr each it could not; an item that was already gone is neither removed nor a failure.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { outcome } from '../../support/docker/cleanup';

test('what Docker removed is counted from its answer, not from what was asked', () => {
  const answer = {
    stdout: 'a1b2c3\n',
    stderr: 'Error response from daemon: No such container: d4e5f6\nError response from daemon: cannot remove container "/x": could not kill: permission denied\n',
  };
  assert.deepEqual(outcome('container', answer), {
    removed: 1,
    notRemoved: ['container: cannot remove container "/x": could not kill: permission denied'],
  });
});

test('a network still in use is reported, not counted', () => {
  const answer = { stdout: '', stderr: 'Error response from daemon: error while removing network: network mqtt-labs-x has active endpoints\n' };
  assert.deepEqual(outcome('network', answer), { removed: 0, notRemoved: ['network: error while removing network: network mqtt-labs-x has active endpoints'] });
});
