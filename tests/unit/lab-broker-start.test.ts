/**
 * scripts/lab-broker-start.sh lays a lab's files out for the compose files, inside the container
 * where there is no Node to call support/brokers/lab-files.ts. It keeps its own copy of the files
 * that are not for the broker: this test fails when that copy and NOT_FOR_THE_BROKER differ, so
 * a broker started with compose gets the same files as a scenario's and `npm run broker`'s.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { NOT_FOR_THE_BROKER } from '../../support/brokers/lab-files';

const SCRIPT = join(__dirname, '..', '..', 'scripts', 'lab-broker-start.sh');

/** The names of the `case` branch that skips a file: `docker-compose.yml | README.md) continue ;;`. */
function skippedByTheScript(script: string): string[] {
  const branches = [...script.matchAll(/^[ \t]*([^\s()|][^\n()]*?)\)[ \t]*continue[ \t]*;;/gm)];
  assert.equal(branches.length, 1, 'lab-broker-start.sh has one `case` branch that skips files (`... ) continue ;;`)');
  return branches[0][1].split('|').map((name) => name.trim());
}

describe('scripts/lab-broker-start.sh and support/brokers/lab-files.ts', () => {
  it('skip the same files: those not for the broker', () => {
    const inScript = skippedByTheScript(readFileSync(SCRIPT, 'utf8'));
    assert.deepEqual([...inScript].sort(), [...NOT_FOR_THE_BROKER].sort());
  });

  it('would notice a difference', () => {
    const changed = readFileSync(SCRIPT, 'utf8').replace('README.md |', 'README.md | NOTES.md |');
    assert.notDeepEqual([...skippedByTheScript(changed)].sort(), [...NOT_FOR_THE_BROKER].sort());
  });
});
