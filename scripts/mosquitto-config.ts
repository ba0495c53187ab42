// What `npm run broker` needs to know about one Mosquitto configuration file: the listeners it
// opens, the certificate files it names, and what a client must bring to be let in (a client
// certificate, a username). Pure functions of the file's text, so the recipe test
// (tests/unit/recipes.test.ts) checks every printed line against the configuration it is for.
import { CONFIG_DIR } from '../support/brokers/mosquitto';

export interface Listener {
  port: number;
  /** "mqtt" or "websockets" */
  protocol: string;
  tls: boolean;
  /** `listener 1883 127.0.0.1` (lab 13): reachable from inside the container only. */
  loopbackOnly: boolean;
  /** `require_certificate true`: a client must show a certificate signed by the listener's CA. */
  requireCertificate: boolean;
}

export interface BrokerConfig {
  /** Empty: no listener line, Mosquitto listens on 1883 inside the container only ("local only mode"). */
  listeners: Listener[];
  /** Certificate and key files, relative to /mosquitto/config ("certs/ca.pem"). */
  tlsFiles: string[];
  /** The CA the listeners name with `cafile`, as a path inside the container. */
  cafile: string | undefined;
  passwordFile: boolean;
  /** `allow_anonymous false` (the default of Mosquitto 2 when a listener line is present). */
  anonymousAllowed: boolean;
}

/** The setting lines of a configuration, comments and blank lines dropped: [key, ...values]. */
function settingsOf(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .map((raw) => raw.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((line) => line.split(/\s+/));
}

function listenerOf([, port, address]: string[]): Listener {
  return {
    port: Number(port),
    protocol: 'mqtt',
    tls: false,
    loopbackOnly: /^(127\.0\.0\.1|localhost|::1)$/.test(address ?? ''),
    requireCertificate: false,
  };
}

/** Reads a configuration's text. Settings after a `listener` line belong to that listener. */
export function readBrokerConfig(text: string): BrokerConfig {
  const config: BrokerConfig = { listeners: [], tlsFiles: [], cafile: undefined, passwordFile: false, anonymousAllowed: false };
  let anonymous: boolean | undefined;
  for (const words of settingsOf(text)) {
    const [key, value] = words;
    const current = config.listeners[config.listeners.length - 1];
    if (key === 'listener') config.listeners.push(listenerOf(words));
    else if (key === 'protocol' && current) current.protocol = value;
    else if ((key === 'certfile' || key === 'psk_hint') && current) current.tls = true;
    else if (key === 'require_certificate' && current) current.requireCertificate = value === 'true';
    else if (key === 'password_file') config.passwordFile = true;
    else if (key === 'allow_anonymous') anonymous = value === 'true';
    if (key === 'cafile') config.cafile = value;
    if (/^(cafile|certfile|keyfile|crlfile)$/.test(key) && value?.startsWith(`${CONFIG_DIR}/`)) {
      config.tlsFiles.push(value.slice(CONFIG_DIR.length + 1));
    }
  }
  config.tlsFiles = [...new Set(config.tlsFiles)];
  // Without any listener line Mosquitto 2 runs in "local only mode" and lets anonymous clients in.
  config.anonymousAllowed = anonymous ?? config.listeners.length === 0;
  return config;
}
