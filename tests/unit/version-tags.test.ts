/**
 * The Mosquitto version tags (support/brokers/version-tags.ts): which scenarios a run on a given
 * version skips and why, the tag expression CI uses for `--version-tagged`, and every version
 * tag the features carry today, checked without Docker: a misspelt tag fails here, not in a run.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { compareVersions, parseVersionTag, versionSkipReason, versionTaggedExpression } from '../../support/brokers/version-tags';
import { brokerVersions, imageTag } from '../../support/images/catalogue';

const FEATURES = join(__dirname, '..', '..', 'features');
const featureTexts = (): string[] =>
  readdirSync(FEATURES, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.feature'))
    .map((f) => readFileSync(join(FEATURES, f), 'utf8'));

describe('Mosquitto version tags', () => {
  it('compares versions part by part, as numbers', () => {
    assert.ok(compareVersions('2.0.11', '2.0.12') < 0);
    assert.ok(compareVersions('2.0.9', '2.0.11') < 0, '9 < 11, not "9" > "1"');
    assert.equal(compareVersions('2.0.21', '2.0.21'), 0);
    assert.ok(compareVersions('2.1.0', '2.0.21') > 0);
  });

  it('reads the operators, leaves other tags alone, and rejects a misspelt version tag', () => {
    assert.deepEqual(parseVersionTag('@mosquitto>=2.0.12'), { tag: '@mosquitto>=2.0.12', operator: '>=', version: '2.0.12' });
    assert.equal(parseVersionTag('@mosquitto<2.0.15')?.operator, '<');
    assert.equal(parseVersionTag('@mqtt5'), undefined);
    assert.equal(parseVersionTag('@MQTT-3.1.4-3'), undefined);
    assert.throws(() => parseVersionTag('@mosquitto>=2.0'), /not a Mosquitto version tag/);
    assert.throws(() => parseVersionTag('@mosquitto=>2.0.12'), /not a Mosquitto version tag/);
  });

  it('skips a scenario tagged for the other version, with the tag in the reason, and runs the rest', () => {
    const newer = ['@mqtt5', '@mosquitto>=2.0.15'];
    const older = ['@mqtt5', '@mosquitto<2.0.15'];
    assert.equal(versionSkipReason(newer, '2.0.21'), undefined);
    assert.match(versionSkipReason(newer, '2.0.11') ?? '', /^skipped on Mosquitto 2\.0\.11: the scenario is tagged @mosquitto>=2\.0\.15/);
    assert.equal(versionSkipReason(older, '2.0.11'), undefined);
    assert.match(versionSkipReason(older, '2.0.21') ?? '', /tagged @mosquitto<2\.0\.15/);
    assert.equal(versionSkipReason(['@mosquitto>=2.0.15'], '2.0.15'), undefined, 'the version the change came with has it');
    assert.equal(versionSkipReason(['@mqtt311'], '2.0.11'), undefined, 'an untagged scenario runs on every version');
    assert.equal(versionSkipReason(newer, undefined), undefined, 'an image of unknown version runs everything');
  });

  it('needs every tag of a range to hold', () => {
    const range = ['@mosquitto>=2.0.12', '@mosquitto<2.0.20'];
    assert.equal(versionSkipReason(range, '2.0.15'), undefined);
    assert.ok(versionSkipReason(range, '2.0.11'));
    assert.ok(versionSkipReason(range, '2.0.21'));
  });

  it('selects every version-tagged scenario with one tag expression', () => {
    const expression = versionTaggedExpression(['@mosquitto>=2.0.12\n  Scenario: a', '  @mqtt5 @mosquitto<2.0.12 @mosquitto>=2.0.12\n']);
    assert.equal(expression, '@mosquitto<2.0.12 or @mosquitto>=2.0.12');
    assert.equal(versionTaggedExpression(['@mqtt5']), undefined);
  });

  it('every version tag in features/ is well formed', () => {
    const expression = versionTaggedExpression(featureTexts());
    assert.ok(expression, 'the features carry version tags');
    for (const tag of expression.split(' or ')) assert.ok(parseVersionTag(tag), tag);
  });

  it('has a broker image of each version it tags for: the default one and Debian 12\'s 2.0.11', () => {
    const versions = brokerVersions().map((b) => b.version);
    assert.ok(versions.includes('2.0.11'));
    assert.match(imageTag('mosquitto-2.0.11'), /^mqtt-labs\/mosquitto:2\.0\.11-[0-9a-f]{8}$/);
    assert.notEqual(imageTag('mosquitto-2.0.11').split('-').pop(), imageTag('mosquitto').split('-').pop(), 'another base, another tag');
  });
});
