/**
 * Lab 13: the TLS options of an MQTT client (MQTT.js over `mqtts://`; Node's tls underneath).
 *
 * WHY each option:
 *  - `ca`: the CA certificate(s) this client trusts. Without it, Node trusts only the public
 *    CAs it ships with, and a certificate from your own CA fails with
 *    UNABLE_TO_VERIFY_LEAF_SIGNATURE. Pin your own CA: then no public CA can impersonate the
 *    broker either.
 *  - the host you dial (or `servername`): Node checks it against the certificate's subject
 *    alternative names. Dial the name the certificate carries (`localhost`, `broker.example.com`);
 *    an IP address or another name fails with ERR_TLS_CERT_ALTNAME_INVALID. `servername` also
 *    goes to the broker as SNI.
 *  - `cert` + `key`: the client's own certificate, for brokers with `require_certificate true`
 *    (mutual TLS). With `use_identity_as_username`, its CN is the client's username.
 *  - `minVersion`/`maxVersion`: the TLS versions the client offers; the broker's `tls_version`
 *    is its floor, and there must be overlap.
 *  - `rejectUnauthorized`: true (Node's default) means "refuse a certificate that fails any
 *    check". Setting it to false turns TLS into encryption to ANYONE: a man in the middle
 *    shows his own certificate and reads everything. Never ship it; fix the trust instead.
 */
import type { IClientOptions } from 'mqtt';

export interface TlsClientSettings {
  /** PEM of the CA(s) to trust; omit to trust only Node's built-in public CAs. */
  ca?: string | string[];
  /** PEM of the client's certificate and private key (mutual TLS). */
  cert?: string;
  key?: string;
  /** The name to verify the broker's certificate against, when it differs from the host dialled. */
  servername?: string;
  minVersion?: 'TLSv1.2' | 'TLSv1.3';
  maxVersion?: 'TLSv1.2' | 'TLSv1.3';
  /** Only for showing why it is dangerous. Default: true. */
  rejectUnauthorized?: boolean;
}

/** MQTT.js options for `mqtt.connect('mqtts://host:8883', options)`. */
export function tlsClientOptions(settings: TlsClientSettings): IClientOptions {
  const options: IClientOptions = { rejectUnauthorized: settings.rejectUnauthorized ?? true };
  if (settings.ca) options.ca = settings.ca;
  if (settings.cert) options.cert = settings.cert;
  if (settings.key) options.key = settings.key;
  if (settings.servername) options.servername = settings.servername;
  // MQTT.js hands every option it does not know to tls.connect(): these reach Node's TLS.
  const passThrough = options as IClientOptions & { minVersion?: string; maxVersion?: string };
  if (settings.minVersion) passThrough.minVersion = settings.minVersion;
  if (settings.maxVersion) passThrough.maxVersion = settings.maxVersion;
  return options;
}
