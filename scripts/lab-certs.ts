// What `npm run certs` writes for a lab whose broker a learner starts by hand with TLS (labs 9 and
// 17; lab 13 has its own make-certs): a git-ignored certs/ folder with a lab CA (ca.pem, what a
// client's --cafile / a bridge's bridge_cafile trusts) and one broker certificate for the name
// clients dial, made by the same code the scenarios use (labs/lab13/lab-pki.ts). The CA's key is
// not written: nothing here can sign more. Run again for a fresh set.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { makeLabPki, serverCertificateFor } from '../labs/lab13/lab-pki';
import { PROJECT_ROOT } from '../support/world/paths';

/**
 * Writes brokers/<lab>/certs/ca.pem, <file>.pem and <file>.key, the broker's certificate naming
 * `serverName`.
 */
export function writeLabCertificates(lab: string, serverName: string, file: string): void {
  const certsDir = join(PROJECT_ROOT, 'brokers', lab, 'certs');
  const { ca } = makeLabPki();
  const server = serverCertificateFor(serverName, ca);
  mkdirSync(certsDir, { recursive: true });
  writeFileSync(join(certsDir, 'ca.pem'), ca.cert);
  writeFileSync(join(certsDir, `${file}.pem`), server.cert);
  writeFileSync(join(certsDir, `${file}.key`), server.key);
  // Readable by all, as lab 13's: the compose broker reads it through a bind mount as user mosquitto.
  chmodSync(join(certsDir, `${file}.key`), 0o644);
  console.log(`Made ca.pem ${file}.pem ${file}.key in ${relative(PROJECT_ROOT, certsDir)} (the broker's certificate names "${serverName}").`);
}
