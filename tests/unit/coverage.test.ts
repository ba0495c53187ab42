// npm run coverage on a small fixture: the version split (the same id counted once per spec, by
// the scenario's inherited @mqtt311/@mqtt5 tag) and the failure on an id a version does not have.
// Run: node --require ts-node/register --test tests/unit/coverage.test.ts
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCoverage } from '../../scripts/coverage/coverage-model';
import { claimsOfFeature } from '../../scripts/coverage/scenario-claims';
import { parseStatementList, type SpecVersion, type StatementList } from '../../scripts/coverage/statements';

const HEADER = '# fixture\nid\tsection\ttitle\n';
const lists = new Map<SpecVersion, StatementList>([
  ['3.1.1', parseStatementList('3.1.1', HEADER + 'MQTT-3.1.2-1\t3.1.2\tCONNECT Variable header\nMQTT-3.3.1-5\t3.3.1\tPUBLISH Fixed header\n')],
  ['5.0', parseStatementList('5.0', HEADER + 'MQTT-3.1.2-1\t3.1.2\tCONNECT Variable Header\nMQTT-3.3.1-13\t3.3.1\tPUBLISH Fixed Header\n')],
]);

const FEATURE = `@lab99
Feature: Fixture

  @mqtt311
  Rule: Old clients

    @MQTT-3.1.2-1
    Scenario: A 3.1.1 proof
      Given something

  Rule: New clients

    @mqtt5 @MQTT-3.1.2-1 @MQTT-3.3.1-13
    Scenario: A 5.0 proof
      Given something

    Scenario Outline: Both, one row each
      Given <what>

      @mqtt311 @deviates-MQTT-3.3.1-5
      Examples:
        | what |
        | old  |
`;

test('each id counts for the spec version its scenario is tagged with, inherited tags included', () => {
  const claims = claimsOfFeature('features/lab99/fixture.feature', FEATURE);
  assert.deepEqual(
    claims.map((claim) => [claim.line, claim.versions, claim.proves, claim.deviates, claim.lab]),
    [
      [8, ['3.1.1'], ['MQTT-3.1.2-1'], [], 'lab99'],
      [14, ['5.0'], ['MQTT-3.1.2-1', 'MQTT-3.3.1-13'], [], 'lab99'],
      [23, ['3.1.1'], [], ['MQTT-3.3.1-5'], 'lab99'],
    ],
  );
  const coverage = buildCoverage(lists, claims);
  assert.deepEqual(coverage.problems, []);
  const [v311, v5] = coverage.versions;
  assert.equal(v311.proven, 1);
  assert.equal(v311.deviated, 1);
  assert.equal(v5.proven, 2);
  const v311Connect = v311.sections[0].statements[0];
  assert.deepEqual(v311Connect.provenBy.map((claim) => claim.name), ['A 3.1.1 proof']);
  assert.deepEqual([...(coverage.labs.get('lab99')?.get('5.0') ?? [])], ['MQTT-3.1.2-1', 'MQTT-3.3.1-13']);
});

test('an id the scenario\'s version does not have is a problem that names the scenario', () => {
  const feature = '@mqtt311\nFeature: F\n\n  @MQTT-3.3.1-13\n  Scenario: A 5.0 id on a 3.1.1 scenario\n    Given x\n';
  const coverage = buildCoverage(lists, claimsOfFeature('features/lab99/wrong.feature', feature));
  assert.deepEqual(coverage.problems, [
    'features/lab99/wrong.feature:5 "A 5.0 id on a 3.1.1 scenario" tags @MQTT-3.3.1-13, which MQTT 3.1.1 does not have',
  ]);
});

test('a section tag or an id without a version tag is a problem too', () => {
  const feature = 'Feature: F\n\n  @MQTT-4.8.2\n  Scenario: No version\n    Given x\n';
  const problems = buildCoverage(lists, claimsOfFeature('f.feature', feature)).problems;
  assert.equal(problems.length, 2);
  assert.match(problems[0], /no @mqtt311 or @mqtt5/);
  assert.match(problems[1], /@MQTT-4\.8\.2, which is not a statement id/);
});

test('npm run coverage exits 1 and names the scenario that carries an unknown id', async () => {
  const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
  const { spawnSync } = await import('node:child_process');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'coverage-test-'));
  mkdirSync(join(dir, 'features', 'lab99'), { recursive: true });
  writeFileSync(join(dir, 'mqtt-3.1.1.tsv'), HEADER + 'MQTT-3.1.2-1\t3.1.2\tCONNECT Variable header\n');
  writeFileSync(join(dir, 'mqtt-5.0.tsv'), HEADER + 'MQTT-3.1.2-1\t3.1.2\tCONNECT Variable Header\n');
  writeFileSync(join(dir, 'features', 'lab99', 'typo.feature'), '@mqtt5\nFeature: F\n\n  @MQTT-3.1.2-99\n  Scenario: A typo\n    Given x\n');
  const run = spawnSync(
    process.execPath,
    ['--require', 'ts-node/register', 'scripts/coverage.ts', '--features', join(dir, 'features'), '--spec', dir, '--out', join(dir, 'out')],
    { encoding: 'utf8' },
  );
  assert.equal(run.status, 1);
  assert.match(run.stderr, /typo\.feature:5 "A typo" tags @MQTT-3\.1\.2-99, which MQTT 5\.0 does not have/);
});
