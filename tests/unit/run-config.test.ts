/**
 * The run configuration (support/run/run-config.ts): the variables a user or CI may set are
 * read as the runner's options are, and what the runner hands down is what support code reads.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultRunConfig, fromUserEnvironment, handDown, RUN_CONFIG_VARIABLE, runConfig } from '../../support/run/run-config';

test('the variables a user or CI may set', () => {
  const env = { MOSQUITTO_IMAGE: ' eclipse-mosquitto:2.0.22 ', MQTT_LABS_PLAIN: '1', MQTT_LABS_DIAGRAMS: '0', MQTT_LABS_STACK: '1' };
  assert.deepEqual(fromUserEnvironment(env), { image: 'eclipse-mosquitto:2.0.22', plain: true, diagrams: false, stack: true, chromium: undefined });
  assert.deepEqual(fromUserEnvironment({}), { image: undefined, plain: false, diagrams: true, stack: false, chromium: undefined });
});

test('what the runner hands down is what support code reads, in this process and in its workers', () => {
  const config = { ...defaultRunConfig(), reportDir: 'reports/runs/x', breakIt: 'lab03/upgrade-qos', plannedScenarios: 15 };
  handDown(config);
  assert.equal(runConfig(), config);
  // A worker reads the JSON: the fields that are not set are not in it, and get the defaults.
  assert.deepEqual(JSON.parse(process.env[RUN_CONFIG_VARIABLE] ?? '{}'), JSON.parse(JSON.stringify(config)));
});
