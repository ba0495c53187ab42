/**
 * Lab 13: a public key infrastructure for a lab, made with node-forge and Node's crypto in about
 * a second and never committed: a lab CA, the broker's certificate signed by it, device
 * certificates, and the certificates that show each failure (a second CA, an expired server
 * certificate, one for another host name). `npm run certs` (make-certs.ts) writes a set to
 * files; the scenarios make their own set in memory with the same function.
 *
 * WHY each piece:
 *  - the CA is what clients trust (`ca` in MQTT.js, `cafile` in mosquitto.conf); every
 *    certificate it signs is trusted through it, so no client needs the server's own certificate.
 *  - the server certificate names the host clients dial in its subject alternative names (SAN);
 *    a TLS client checks the name it dialled against them, not against the CN.
 *  - device certificates carry the device's name as their CN: with `use_identity_as_username`
 *    the broker uses it as the MQTT username, so ACLs work per device without passwords.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, sign as cryptoSign } from 'node:crypto';
import forge from 'node-forge';

export interface Credential {
  /** The certificate, PEM. */
  cert: string;
  /** Its private key, PEM (PKCS#1 RSA). */
  key: string;
}

export interface LabPki {
  /** The lab's certificate authority (its key signs everything below). */
  ca: Credential;
  /** A CA nobody here trusts: what "a certificate from another CA" comes from. */
  otherCa: Credential;
  /** The broker's certificate, SAN DNS:localhost, valid for a day. */
  server: Credential;
  /** The same broker name, but its validity ended yesterday. */
  expiredServer: Credential;
  /** A valid lab certificate, but for another host name. */
  otherHostServer: Credential;
  /** Device (client) certificates by CN, signed by the lab CA. */
  devices: Record<DeviceName, Credential>;
  /** A device certificate signed by the other CA. */
  strangerDevice: Credential;
  /** How long making the whole set took. */
  generationMs: number;
}

export const DEVICE_NAMES = ['kitchen-sensor', 'garage-sensor', 'dashboard'] as const;
export type DeviceName = (typeof DEVICE_NAMES)[number];
/** The host name the broker's certificate carries, and the one clients dial. */
export const SERVER_NAME = 'localhost';
export const OTHER_HOST_NAME = 'broker.elsewhere.test';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

interface Issuer {
  cert: forge.pki.Certificate;
  key: KeyObject;
}

/**
 * A 2048-bit RSA key: the smallest that OpenSSL 3's default security level accepts. Node's own
 * crypto (OpenSSL) makes and uses the keys; node-forge only builds the certificates. (Its pure
 * JavaScript RSA takes about a second per key or signature on a busy machine.)
 */
function newKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 }).privateKey;
}

function serialNumber(): string {
  // Positive (leading 0x01) and random: two certificates of one CA must never share one.
  return '01' + forge.util.bytesToHex(forge.random.getBytesSync(15));
}

/** Signs the certificate with SHA-256 and RSA, using Node's crypto for the RSA part. */
function signWith(cert: forge.pki.Certificate, key: KeyObject): void {
  // forge's sign() computes the to-be-signed bytes and asks `key.sign(md)` for the signature;
  // we compute the same bytes and let OpenSSL sign them.
  cert.siginfo.algorithmOid = forge.pki.oids['sha256WithRSAEncryption']!;
  const tbs = Buffer.from(forge.asn1.toDer((forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 }).getTBSCertificate(cert)).getBytes(), 'binary');
  const signer = { sign: () => cryptoSign('sha256', tbs, key).toString('binary') };
  cert.sign(signer as unknown as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
}

interface CertificateRequest {
  commonName: string;
  /** [from, to] relative to now, in ms. */
  validity: [number, number];
  isCa?: boolean;
  altNames?: string[];
  usage?: 'serverAuth' | 'clientAuth';
  /** Reuse a key (a renewed certificate often keeps its key); a new one otherwise. */
  key?: KeyObject;
}

function issue(request: CertificateRequest, issuer?: Issuer): { credential: Credential; issuer: Issuer } {
  const key = request.key ?? newKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = serialNumber();
  const now = Date.now();
  cert.validity.notBefore = new Date(now + request.validity[0]);
  cert.validity.notAfter = new Date(now + request.validity[1]);
  const subject = [{ name: 'commonName', value: request.commonName }, { name: 'organizationName', value: 'mqtt-labs' }];
  cert.setSubject(subject);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : subject);
  const extensions: object[] = [
    { name: 'basicConstraints', cA: !!request.isCa, critical: true },
    request.isCa
      ? { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true }
      : { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ];
  if (issuer) extensions.push({ name: 'authorityKeyIdentifier', keyIdentifier: issuer.cert.generateSubjectKeyIdentifier().getBytes() });
  if (request.usage) extensions.push({ name: 'extKeyUsage', [request.usage]: true });
  // type 2 = DNS name. The SAN list is what a TLS client checks the dialled host against.
  if (request.altNames) extensions.push({ name: 'subjectAltName', altNames: request.altNames.map((value) => ({ type: 2, value })) });
  cert.setExtensions(extensions);
  signWith(cert, issuer?.key ?? key);
  return {
    credential: { cert: forge.pki.certificateToPem(cert), key: key.export({ type: 'pkcs1', format: 'pem' }).toString() },
    issuer: { cert, key },
  };
}

const VALID: [number, number] = [-HOUR_MS, DAY_MS];

/**
 * A server certificate for another host name, signed by `ca` (a credential this module made):
 * lab 9's hub, whose name on the network (`hub`) is what a bridge dials and checks.
 */
export function serverCertificateFor(hostName: string, ca: Credential): Credential {
  const issuer: Issuer = { cert: forge.pki.certificateFromPem(ca.cert), key: createPrivateKey(ca.key) };
  return issue({ commonName: hostName, validity: VALID, altNames: [hostName], usage: 'serverAuth' }, issuer).credential;
}

/** Makes a complete set (about a dozen keys). */
export function makeLabPki(): LabPki {
  const started = Date.now();
  const ca = issue({ commonName: 'mqtt-labs lab CA', validity: [-HOUR_MS, 30 * DAY_MS], isCa: true });
  const otherCa = issue({ commonName: 'Some other CA', validity: [-HOUR_MS, 30 * DAY_MS], isCa: true });
  const serverKey = newKey();
  const server = (validity: [number, number], altNames: string[]) =>
    issue({ commonName: altNames[0]!, validity, altNames, usage: 'serverAuth', key: serverKey }, ca.issuer).credential;
  const device = (name: string, by: Issuer) => issue({ commonName: name, validity: VALID, usage: 'clientAuth' }, by).credential;
  const devices = Object.fromEntries(DEVICE_NAMES.map((name) => [name, device(name, ca.issuer)])) as Record<DeviceName, Credential>;
  return {
    ca: ca.credential,
    otherCa: otherCa.credential,
    server: server(VALID, [SERVER_NAME]),
    expiredServer: server([-2 * DAY_MS, -DAY_MS], [SERVER_NAME]),
    otherHostServer: server(VALID, [OTHER_HOST_NAME]),
    devices,
    // Same CN as a real device: a name in a certificate means nothing without the right CA.
    strangerDevice: device('kitchen-sensor', otherCa.issuer),
    generationMs: Date.now() - started,
  };
}
