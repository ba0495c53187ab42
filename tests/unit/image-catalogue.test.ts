/**
 * The catalogue's tags follow the Dockerfile folders: the same files give the same tag on every
 * machine (sorted '/' paths, no dependence on line endings once .gitattributes keeps them LF),
 * and any change of a file, of its name, or of the Debian base gives a new one.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { imagesOfFeatures } from '../../support/images/lab-images';
import { CATALOGUE, type CatalogueEntry, contextFiles, contextHash, dockerfileArg, imageTag } from '../../support/images/catalogue';

const root = mkdtempSync(join(tmpdir(), 'mqtt-labs-catalogue-'));
after(() => rmSync(root, { recursive: true, force: true }));

const entry: CatalogueEntry = { name: 'probe', title: 'Probe image', folder: 'images/probe', debian: 'trixie', versionArg: 'PROBE_VERSION' };
const write = (path: string, text: string): void => {
  mkdirSync(join(root, entry.folder, path, '..'), { recursive: true });
  writeFileSync(join(root, entry.folder, path), text);
};
write('Dockerfile', 'ARG BASE\nFROM ${BASE}\nARG PROBE_VERSION=1.2.3\n');
write('files/start.sh', '#!/bin/sh\n');

describe('the image catalogue', () => {
  it('hashes every file of the folder but the hidden ones, in a fixed order', () => {
    write('.image', 'mqtt-labs/probe:old\n');
    assert.deepEqual(contextFiles(join(root, entry.folder)), ['Dockerfile', 'files/start.sh']);
  });

  it('gives a new hash when a file changes, is renamed, or the base changes, and not otherwise', () => {
    const before = contextHash(entry, root);
    assert.equal(contextHash(entry, root), before);
    write('.image', 'mqtt-labs/probe:other\n');
    assert.equal(contextHash(entry, root), before, 'the record of the last build is not part of the image');
    assert.notEqual(contextHash({ ...entry, debian: 'bookworm' }, root), before);
    write('files/start.sh', '#!/bin/sh\nexit 0\n');
    assert.notEqual(contextHash(entry, root), before);
  });

  it("reads the tag's version from the Dockerfile's ARG", () => {
    assert.equal(dockerfileArg(entry, 'PROBE_VERSION', root), '1.2.3');
    assert.throws(() => dockerfileArg(entry, 'MISSING', root), /has no "ARG MISSING=/);
  });

  it('tags the broker image mqtt-labs/mosquitto:<version>-<hash8>', () => {
    assert.ok(CATALOGUE.some((e) => e.name === 'mosquitto' && e.folder === 'brokers/image'));
    assert.match(imageTag('mosquitto'), /^mqtt-labs\/mosquitto:2\.0\.\d+-[0-9a-f]{8}$/);
    assert.throws(() => imageTag('no-such-image'), /no image "no-such-image" in the catalogue/);
  });
});

it('the runner checks the images the selected labs run besides the broker image, and only theirs', () => {
  assert.deepEqual(imagesOfFeatures(['features/lab15/health-checks.feature', 'features/lab15/front.feature']), ['nginx']);
  assert.deepEqual(imagesOfFeatures(['features/lab18/authentication.feature', 'features/lab02/wildcards.feature']), ['node-service']);
  assert.deepEqual(imagesOfFeatures(['features/lab04/sessions.feature']), []);
  assert.deepEqual(imagesOfFeatures(['C:\\labs\\features\\lab15\\front.feature']), ['nginx']);
  const all = imagesOfFeatures(['15', '18'].map((n) => `features/lab${n}/x.feature`));
  for (const name of all) assert.ok(CATALOGUE.some((entry) => entry.name === name), `${name} is in the catalogue`);
});
