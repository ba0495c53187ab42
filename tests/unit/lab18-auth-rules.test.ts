/**
 * Lab 18's auth service, the parts with no network: which subscriptions a rule covers
 * (labs/lab18/acl-rules.ts) and the password hashes (labs/lab18/password-hash.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filterCovers } from '../../labs/lab18/acl-rules';
import { hashPassword, parseHash, verifyPassword } from '../../labs/lab18/password-hash';

const covers: [rule: string, asked: string, covered: boolean][] = [
  ['devices/#', 'devices/+/telemetry', true],
  ['devices/#', 'devices/#', true],
  ['devices/+/telemetry', 'devices/sensor/telemetry', true],
  ['devices/+/telemetry', 'devices/+/telemetry', true],
  ['devices/+/telemetry', 'devices/#', false],
  ['devices/sensor/#', 'devices/+/telemetry', false],
  ['devices/+', 'devices/#', false],
  ['devices/+/telemetry', 'devices/sensor/telemetry/raw', false],
];

for (const [rule, asked, covered] of covers) {
  test(`a rule on "${rule}" ${covered ? 'covers' : 'does not cover'} a SUBSCRIBE to "${asked}"`, () => {
    assert.equal(filterCovers(rule, asked), covered);
  });
}

test('a password hash is salted, names its parameters and verifies only its password', async () => {
  const [one, two] = await Promise.all([hashPassword('s3cret'), hashPassword('s3cret')]);
  assert.notEqual(one, two, 'two hashes of one password differ (random salt)');
  assert.match(one, /^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
  assert.equal(await verifyPassword(one, 's3cret'), true);
  assert.equal(await verifyPassword(one, 's3cret '), false);
  assert.throws(() => parseHash('s3cret'), /is not a hash/);
});
