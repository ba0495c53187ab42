// The second half of `npm run certs`: lab 9's TLS bridge by hand (`npm run broker -- lab09
// secure-hub.conf`, tls-leaf.conf). Writes brokers/lab09/certs/ (git-ignored): a lab CA (ca.pem,
// what the leaf's `bridge_cafile` trusts) and the hub's certificate for the name the leaf dials,
// `hub` (hub.pem, hub.key), made by the same code the scenarios use (labs/lab13/lab-pki.ts).
// The CA's key is not written: nothing here can sign more. Run again for a fresh set.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { makeLabPki, serverCertificateFor } from '../labs/lab13/lab-pki';
import { PROJECT_ROOT } from '../support/world/paths';

const CERTS_DIR = join(PROJECT_ROOT, 'brokers', 'lab09', 'certs');
/** The hub's name on lab 9's network: the compose service, and what the leaf's `address` dials. */
const HUB_NAME = 'hub';

const { ca } = makeLabPki();
const hub = serverCertificateFor(HUB_NAME, ca);
mkdirSync(CERTS_DIR, { recursive: true });
writeFileSync(join(CERTS_DIR, 'ca.pem'), ca.cert);
writeFileSync(join(CERTS_DIR, 'hub.pem'), hub.cert);
writeFileSync(join(CERTS_DIR, 'hub.key'), hub.key);
// Readable by all, as lab 13's: the compose broker reads it through a bind mount as user mosquitto.
chmodSync(join(CERTS_DIR, 'hub.key'), 0o644);
console.log(`Made ca.pem hub.pem hub.key in ${relative(PROJECT_ROOT, CERTS_DIR)} (the hub's certificate names "${HUB_NAME}").`);
