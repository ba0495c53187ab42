/**
 * Lab 13's TLS plumbing: the certificate files a broker gets (from support/pki/pki.ts, copied
 * into /mosquitto/config/certs/ where brokers/lab13/*.conf look for them), the addresses of
 * its TLS port, and the client options each scenario's client uses.
 */
import { createHash, createPublicKey } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { tlsClientOptions, TlsClientSettings } from '../../labs/lab13/tls-client-options';
import { LabClient } from '../clients/lab-client';
import { Broker } from '../brokers/broker';
import { endpointOf } from '../services/endpoints';
import { GeneratedFile } from '../brokers/lab-files';
import { Credential, DEVICE_NAMES, DeviceName, LabPki, SERVER_NAME } from './pki';

export const TLS_PORT = 8883;
/** The websockets-over-TLS listener of brokers/lab13/websockets-tls.conf. */
export const WSS_PORT = 9443;

export type ServerCertificate = 'valid' | 'expired' | 'other-host';

/** certs/ca.pem, certs/other-ca.pem, certs/server.pem, certs/server.key for the broker. */
export function brokerCertificateFiles(pki: LabPki, which: ServerCertificate): GeneratedFile[] {
  const server: Credential = { valid: pki.server, expired: pki.expiredServer, 'other-host': pki.otherHostServer }[which];
  return [
    { path: 'certs/ca.pem', content: pki.ca.cert, mode: 0o644 },
    { path: 'certs/other-ca.pem', content: pki.otherCa.cert, mode: 0o644 },
    { path: 'certs/server.pem', content: server.cert, mode: 0o644 },
    // The entrypoint makes user mosquitto own it; nobody else may read a private key.
    { path: 'certs/server.key', content: server.key, mode: 0o600 },
  ];
}

/** mqtts://localhost:<port>: the name the broker's certificate carries. */
export function tlsUrl(broker: Broker): string {
  return endpointOf(broker, 'mqtts', TLS_PORT, SERVER_NAME).url;
}

/** The same port by IP address, a name the certificate does not carry. */
export function tlsUrlByAddress(broker: Broker): string {
  return endpointOf(broker, 'mqtts', TLS_PORT, '127.0.0.1').url;
}

/** "the kitchen sensor" has the device certificate with CN kitchen-sensor. */
export function deviceCertificate(pki: LabPki, clientName: string): Credential {
  const cn = clientName.replace(/ /g, '-');
  if (!(DEVICE_NAMES as readonly string[]).includes(cn)) throw new Error(`The lab CA made no device certificate for "${cn}" (it has ${DEVICE_NAMES.join(', ')})`);
  return pki.devices[cn as DeviceName];
}

/** How a scenario's client sets up its side of TLS. */
export type ClientTrust =
  | { trust: 'lab CA' | 'no CA' | 'other CA' | 'nothing (verification off)'; certificate?: Credential; servername?: string; maxVersion?: 'TLSv1.2' };

export function clientOptionsFor(pki: LabPki, setup: ClientTrust): ReturnType<typeof tlsClientOptions> {
  const settings: TlsClientSettings = { servername: setup.servername, maxVersion: setup.maxVersion };
  if (setup.trust === 'lab CA') settings.ca = pki.ca.cert;
  if (setup.trust === 'other CA') settings.ca = pki.otherCa.cert;
  if (setup.trust === 'nothing (verification off)') settings.rejectUnauthorized = false;
  if (setup.certificate) {
    settings.cert = setup.certificate.cert;
    settings.key = setup.certificate.key;
  }
  return tlsClientOptions(settings);
}

/** The TLS version the client's connection negotiated ("TLSv1.3"). */
export function negotiatedTlsVersion(client: LabClient): string | null {
  return (client.raw.stream as TLSSocket).getProtocol?.() ?? null;
}

/**
 * Chromium's way to trust one server key without installing a CA into the system: the
 * base64 SHA-256 of the key's SubjectPublicKeyInfo, for `--ignore-certificate-errors-spki-list`.
 * (The broker's certificates in this lab all share one key.)
 */
export function browserArgsTrustingBrokerKey(pki: LabPki): string[] {
  const spki = createPublicKey(pki.server.cert).export({ type: 'spki', format: 'der' });
  return [
    `--ignore-certificate-errors-spki-list=${createHash('sha256').update(spki).digest('base64')}`,
    // Debian's Mosquitto 2.0.21 (libwebsockets 4) accepts HTTP/2 in the TLS handshake (ALPN),
    // then resets the connection when its http_dir is asked for a file over HTTP/2: Chromium
    // showed ERR_CONNECTION_RESET. Over HTTP/1.1 the page and the wss:// upgrade work.
    '--disable-http2',
  ];
}
