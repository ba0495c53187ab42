/**
 * Lab 9's bridge over TLS: a certificate for a broker that OTHER BROKERS dial by its name on the
 * scenario network ("hub"), signed by the lab 13 CA (support/pki/pki.ts), so that a leaf's
 * `bridge_cafile` is the very CA a lab 13 client trusts. Made at test time, once per worker and
 * host name, never written to the repository.
 *
 * Lab 13's broker certificate names `localhost` (clients on the host dial that); a bridge dials
 * `hub`, and with `bridge_insecure false` it checks that name against the certificate's
 * subjectAltName, so the hub needs a certificate of its own.
 */
import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';
import { GeneratedFile } from '../brokers/lab-files';
import { Credential, labPki } from './pki';

const HOUR_MS = 3_600_000;
const byHost = new Map<string, Credential>();

/** A server certificate for `hostName` (CN and SAN DNS:hostName), signed by the lab CA. */
export function brokerHostCertificate(hostName: string): Credential {
  let credential = byHost.get(hostName);
  if (!credential) {
    credential = issueForHost(hostName, labPki().ca);
    byHost.set(hostName, credential);
  }
  return credential;
}

/** A server certificate for `hostName` signed by `ca` (also what `npm run certs` writes for lab 9). */
export function issueForHost(hostName: string, ca: Credential): Credential {
  // 2048-bit RSA, the smallest OpenSSL 3's default security level accepts (as lab 13's keys).
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const caCert = forge.pki.certificateFromPem(ca.cert);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  // Positive and random: two certificates of one CA must never share a serial number.
  cert.serialNumber = '01' + forge.util.bytesToHex(forge.random.getBytesSync(15));
  cert.validity.notBefore = new Date(Date.now() - HOUR_MS);
  cert.validity.notAfter = new Date(Date.now() + 24 * HOUR_MS);
  cert.setSubject([{ name: 'commonName', value: hostName }, { name: 'organizationName', value: 'mqtt-labs' }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    // type 2 = DNS name: what the bridge checks the host of its `address` against.
    { name: 'subjectAltName', altNames: [{ type: 2, value: hostName }] },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(ca.key), forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString() };
}

/** certs/hub.pem and certs/hub.key for a hub that bridges dial as `hostName`. */
export function hubCertificateFiles(hostName: string): GeneratedFile[] {
  const credential = brokerHostCertificate(hostName);
  return [
    { path: 'certs/hub.pem', content: credential.cert, mode: 0o644 },
    // The entrypoint makes user mosquitto own it; nobody else may read a private key.
    { path: 'certs/hub.key', content: credential.key, mode: 0o600 },
  ];
}

/** certs/ca.pem (the lab CA) and certs/other-ca.pem (a CA that signed nothing here) for a leaf. */
export function bridgeTrustFiles(): GeneratedFile[] {
  const pki = labPki();
  return [
    { path: 'certs/ca.pem', content: pki.ca.cert, mode: 0o644 },
    { path: 'certs/other-ca.pem', content: pki.otherCa.cert, mode: 0o644 },
  ];
}
