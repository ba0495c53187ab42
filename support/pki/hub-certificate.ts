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
import { GeneratedFile } from '../brokers/lab-files';
import { serverCertificateFor } from '../../labs/lab13/lab-pki';
import { Credential, labPki } from './pki';

const byHost = new Map<string, Credential>();

/** A server certificate for `hostName` (CN and SAN DNS:hostName), signed by the lab CA; made once per worker. */
export function brokerHostCertificate(hostName: string): Credential {
  let credential = byHost.get(hostName);
  if (!credential) {
    credential = serverCertificateFor(hostName, labPki().ca);
    byHost.set(hostName, credential);
  }
  return credential;
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
