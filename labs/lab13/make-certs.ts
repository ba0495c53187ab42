/**
 * `npm run certs`: writes a lab 13 certificate set to brokers/lab13/certs/ (git-ignored), for the
 * compose broker, for `mosquitto_sub --cafile certs/ca.pem` by hand and for the TLS publisher app
 * (tls-publisher.ts). The scenarios make their own set in memory (lab-pki.ts, the same code) and
 * never read these files.
 *
 * Run it built like any app: `npm run build`, then `node build/labs/lab13/make-certs.js`.
 * CERTS_DIR: where to write (default brokers/lab13/certs below the folder you run it from; npm
 * runs its scripts from the project folder).
 *
 * Never commit a private key: the folder is in .gitignore, and a fresh set takes a second.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { runApp } from '../shared/mqtt-app';
import { Credential, DEVICE_NAMES, makeLabPki } from './lab-pki';

const CERTS_DIR = process.env['CERTS_DIR'] ?? join(process.cwd(), 'brokers', 'lab13', 'certs');

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

async function main(): Promise<void> {
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
}

runApp(main);
