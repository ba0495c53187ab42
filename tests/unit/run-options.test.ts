/**
 * The runner's command line (scripts/run-options.ts): its own options are taken out in every
 * spelling a shell passes them (`--image x`, `--image=x`); everything else reaches cucumber in
 * its order, values of cucumber's options included.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readCommandLine } from '../../scripts/run-options';

test('the runner options are read, the rest is left for cucumber in order', () => {
  const { options, cucumberArgs } = readCommandLine(['--tags', '@mqtt5', '--image', 'eclipse-mosquitto:2.0.22', 'features/lab03', '--plain', '--no-diagrams']);
  assert.deepEqual(cucumberArgs, ['--tags', '@mqtt5', 'features/lab03']);
  assert.equal(options.image, 'eclipse-mosquitto:2.0.22');
  assert.equal(options.plain, true);
  assert.equal(options.noDiagrams, true);
  assert.equal(options.stack, false);
});

test('an option with its value after "=" is one argument', () => {
  const { options, cucumberArgs } = readCommandLine(['--break-it=lab03/upgrade-qos', 'features/lab03/retained-messages.feature:16']);
  assert.equal(options.breakIt, 'lab03/upgrade-qos');
  assert.deepEqual(cucumberArgs, ['features/lab03/retained-messages.feature:16']);
});

test('the options of npm run bench', () => {
  const { options, cucumberArgs } = readCommandLine(['--report-dir', 'reports/bench/plain', '--timings', 'x.ndjson', '--chromium', '/usr/bin/chromium']);
  assert.deepEqual([options.reportDir, options.timings, options.chromium], ['reports/bench/plain', 'x.ndjson', '/usr/bin/chromium']);
  assert.deepEqual(cucumberArgs, []);
});

test('--mosquitto names a version of the catalogue; --version-tagged selects the version-tagged scenarios', () => {
  const { options, cucumberArgs } = readCommandLine(['--mosquitto', '2.0.11', '--version-tagged', 'features/lab04']);
  assert.deepEqual([options.mosquitto, options.versionTagged], ['2.0.11', true]);
  assert.deepEqual(cucumberArgs, ['features/lab04']);
});
