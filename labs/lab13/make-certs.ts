/**
 * `npm run certs`: writes the lab 13 certificates to brokers/lab13/certs/ (git-ignored), for the
 * compose broker and for `mosquitto_sub --cafile certs/ca.pem` by hand. The scenarios make
 * their own set in memory (support/pki/pki.ts, the same code) and never read these files.
 *
 * Never commit a private key: the folder is in .gitignore, and a fresh set takes a second.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT } from '../../support/world/paths';
import { Credential, DEVICE_NAMES, makeLabPki } from '../../support/pki/pki';

const CERTS_DIR = join(PROJECT_ROOT, 'brokers', 'lab13', 'certs');

function write(name: string, credential: Credential, withKey = true): string[] {
  writeFileSync(join(CERTS_DIR, `${name}.pem`), credential.cert);
  if (!withKey) return [`${name}.pem`];
  const keyFile = join(CERTS_DIR, `${name}.key`);
  writeFileSync(keyFile, credential.key);
  // Readable by all: the compose broker runs as user mosquitto (uid 1883) and reads the key
  // through a bind mount. Fine for a lab on your machine; a real broker's key is 0600, owned
  // by the broker's user.
  chmodSync(keyFile, 0o644);
  return [`${name}.pem`, `${name}.key`];
}

const pki = makeLabPki();
mkdirSync(CERTS_DIR, { recursive: true });
const written = [
  ...write('ca', pki.ca, false),
  ...write('other-ca', pki.otherCa, false),
  ...write('server', pki.server),
  ...write('expired-server', pki.expiredServer),
  ...write('other-host-server', pki.otherHostServer),
  ...DEVICE_NAMES.flatMap((name) => write(name, pki.devices[name])),
  ...write('stranger-kitchen-sensor', pki.strangerDevice),
];
console.log(`Made ${written.length} files in ${relative(process.cwd(), CERTS_DIR) || CERTS_DIR} in ${pki.generationMs} ms:`);
console.log(`  ${written.join(' ')}`);
console.log('The CA keys were not written: nothing here can sign new certificates. Run again for a fresh set.');
