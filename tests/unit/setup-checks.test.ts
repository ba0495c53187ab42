/**
 * The parts of set-up that read the machine, checked on text: the Debian mirror found in apt's
 * sources (deb822 and one-line formats), and whether the npm packages match the lock file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mirrorsOfDeb822, mirrorsOfOneLine } from '../../support/images/debian-mirror';
// Plain JavaScript: set-up runs it before the packages (TypeScript among them) are installed.
import { packagesUpToDate } from '../../scripts/install-packages';

describe('the Debian mirror of this machine', () => {
  it('is the first plain suite of a deb822 .sources file', () => {
    const sources = [
      'Types: deb',
      '# http://snapshot.debian.org/archive/debian/20250520T000000Z',
      'URIs: http://deb.debian.org/debian',
      'Suites: bookworm bookworm-updates',
      'Components: main',
      '',
      'Types: deb',
      'URIs: http://deb.debian.org/debian-security',
      'Suites: bookworm-security',
    ].join('\n');
    assert.deepEqual(mirrorsOfDeb822(sources), ['http://deb.debian.org/debian']);
  });

  it('skips disabled and deb-src stanzas', () => {
    const sources = 'Types: deb-src\nURIs: http://src.example/debian\nSuites: trixie\n\nTypes: deb\nURIs: http://off.example/debian\nSuites: trixie\nEnabled: no\n';
    assert.deepEqual(mirrorsOfDeb822(sources), []);
  });

  it('reads one-line sources.list entries, options in brackets included', () => {
    const list = '# a comment\ndeb [arch=amd64 signed-by=/k.gpg] http://ftp.example/debian trixie main\ndeb http://security.example/debian-security trixie-security main\n';
    assert.deepEqual(mirrorsOfOneLine(list), ['http://ftp.example/debian']);
  });
});

describe('the npm packages', () => {
  const root = mkdtempSync(join(tmpdir(), 'mqtt-labs-packages-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const lock = (file: string, packages: object): void => {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), JSON.stringify({ lockfileVersion: 3, packages }));
  };
  const wanted = { '': { name: 'x' }, 'node_modules/a': { version: '1.0.0' }, 'node_modules/b': { version: '2.0.0', optional: true } };

  it('are up to date when every package of the lock is installed at its version', () => {
    lock('package-lock.json', wanted);
    lock('node_modules/.package-lock.json', { 'node_modules/a': { version: '1.0.0' } });
    assert.equal(packagesUpToDate(root), true, "an optional package of another platform may be missing");
  });

  it('are not when a version differs or nothing is installed', () => {
    lock('node_modules/.package-lock.json', { 'node_modules/a': { version: '0.9.0' } });
    assert.equal(packagesUpToDate(root), false);
    rmSync(join(root, 'node_modules'), { recursive: true });
    assert.equal(packagesUpToDate(root), false);
  });
});
