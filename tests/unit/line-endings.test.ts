/**
 * Every file that goes into a container keeps LF line endings. Git for Windows checks text out
 * with CRLF unless .gitattributes says otherwise, and a CR breaks the files inside a container:
 * `sh` stops with `set: Illegal option -`, Mosquitto reads "1883\r" as a port. This test fails when
 * such a file holds a CR, or when .gitattributes would not keep it LF on a Windows checkout.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

const ROOT = join(__dirname, '..', '..');
const git = (args: string[], input?: string): string => execFileSync('git', args, { cwd: ROOT, input, encoding: 'utf8', maxBuffer: 64 << 20 });

/** What goes into a container: the brokers/ tree, scripts for sh, Mosquitto's files, certificates. */
export function goesIntoAContainer(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return (
    path.startsWith('brokers/') ||
    name === 'Dockerfile' ||
    /\.(sh|conf|acl|pem|crt|key|csr|passwd)$/.test(name) ||
    /^(acl|acl-.*|users\.txt|passwords)$/.test(name)
  );
}

const tracked = git(['ls-files', '-z']).split('\0').filter(Boolean);
const containerFiles = tracked.filter(goesIntoAContainer);

/** `git check-attr eol` for each path: "lf", "crlf" or "unspecified". */
function eolOf(paths: string[]): Map<string, string> {
  const fields = git(['check-attr', '-z', '--stdin', 'eol'], paths.join('\0')).split('\0');
  const eol = new Map<string, string>();
  for (let i = 0; i + 2 < fields.length; i += 3) eol.set(fields[i], fields[i + 2]);
  return eol;
}

describe('line endings of the files that go into containers', () => {
  it('finds them (the brokers, the start scripts, the Dockerfile)', () => {
    for (const expected of ['brokers/image/Dockerfile', 'support/services/service-supervisor.sh', 'scripts/lab-broker-start.sh', 'brokers/lab06/acl']) {
      assert.ok(containerFiles.includes(expected), `${expected} is not among the files checked`);
    }
  });

  it('none of them contains a CR', () => {
    const withCr = containerFiles.filter((path) => readFileSync(join(ROOT, path)).includes(0x0d));
    assert.deepEqual(withCr, [], `these files contain CR characters; convert them to LF: ${withCr.join(', ')}`);
  });

  it('.gitattributes keeps every one of them LF on checkout, on Windows too', () => {
    const eol = eolOf(containerFiles);
    const notLf = containerFiles.filter((path) => eol.get(path) !== 'lf');
    assert.deepEqual(notLf, [], `.gitattributes does not force eol=lf for: ${notLf.join(', ')}`);
  });

  it('.gitattributes covers files that labs will add (new configs, images, certificates)', () => {
    const future = ['brokers/lab99/new.conf', 'brokers/lab99/users.txt', 'brokers/images/node/Dockerfile', 'brokers/lab13/certs/ca.pem', 'support/services/new-service.sh'];
    const eol = eolOf(future);
    assert.deepEqual(future.filter((path) => eol.get(path) !== 'lf'), []);
  });
});
