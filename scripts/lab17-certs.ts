// The third part of `npm run certs`: lab 17's TLS listener by hand (`npm run broker -- lab17
// dynamic-security-tls.conf`). Writes brokers/lab17/certs/ (git-ignored): the lab CA (ca.pem,
// what a client's --cafile / CA_FILE trusts) and the broker's certificate for localhost
// (server.pem, server.key), made by the same code the scenarios use (labs/lab13/lab-pki.ts).
// The CA's key is not written: nothing here can sign more. Run again for a fresh set.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { makeLabPki } from '../labs/lab13/lab-pki';
import { PROJECT_ROOT } from '../support/world/paths';

const CERTS_DIR = join(PROJECT_ROOT, 'brokers', 'lab17', 'certs');

const { ca, server } = makeLabPki();
mkdirSync(CERTS_DIR, { recursive: true });
writeFileSync(join(CERTS_DIR, 'ca.pem'), ca.cert);
writeFileSync(join(CERTS_DIR, 'server.pem'), server.cert);
writeFileSync(join(CERTS_DIR, 'server.key'), server.key);
// Readable by all, as lab 13's: the compose broker reads it through a bind mount as user mosquitto.
chmodSync(join(CERTS_DIR, 'server.key'), 0o644);
console.log(`Made ca.pem server.pem server.key in ${relative(PROJECT_ROOT, CERTS_DIR)} (the broker's certificate names "localhost").`);
