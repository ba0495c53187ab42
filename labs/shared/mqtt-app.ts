/**
 * What every lab app does around its MQTT pattern: connect with the settings of its environment,
 * say in plain words what happens (one line on stdout per event), and leave properly when it is
 * asked to stop.
 *
 * WHY leave properly: an app that is stopped (Ctrl-C, `docker stop`, a service manager's
 * SIGTERM) should send DISCONNECT before it exits. The broker then knows the goodbye was
 * planned: it throws the client's last will away (lab 5) and, for a clean session, forgets it
 * at once. An app killed without DISCONNECT looks to the broker like a device that lost power.
 */
import { randomBytes } from 'node:crypto';
import { connect, IClientOptions, IConnackPacket, MqttClient } from 'mqtt';
import { numberSetting, optionalSetting, textSetting } from './settings';

/** One event, one line on stdout: what a person (or a test) reading the output follows. */
export function report(line: string): void {
  console.log(line);
}

export interface ConnectionSettings {
  url: string;
  options: IClientOptions;
}

/**
 * The connection settings every app reads:
 *   MQTT_URL        where the broker is (default mqtt://localhost:1883, the labs' compose
 *                   brokers; mqtts://localhost:8883 for TLS, ws://localhost:9001 for WebSockets)
 *   MQTT_CLIENT_ID  the client id (default `<app>-<random>`; give a fixed one for a durable
 *                   session: the broker keeps a session per client id)
 *   MQTT_USERNAME, MQTT_PASSWORD   credentials, for brokers that ask for them (lab 6)
 *   MQTT_VERSION    5 (default) or 4 (MQTT 3.1.1)
 */
export function connectionSettings(appName: string): ConnectionSettings {
  const version = numberSetting('MQTT_VERSION', 5);
  if (version !== 4 && version !== 5) throw new Error(`MQTT_VERSION must be 4 (MQTT 3.1.1) or 5, not ${version}`);
  const options: IClientOptions = {
    // A random suffix: two copies of an app with the same id would throw each other off the
    // broker in turn (the broker closes the older connection of a client id).
    clientId: textSetting('MQTT_CLIENT_ID', `${appName}-${randomBytes(3).toString('hex')}`),
    protocolVersion: version,
  };
  const username = optionalSetting('MQTT_USERNAME');
  const password = optionalSetting('MQTT_PASSWORD');
  if (username !== undefined) options.username = username;
  if (password !== undefined) options.password = password;
  return { url: textSetting('MQTT_URL', 'mqtt://localhost:1883'), options };
}

/** A connected client and the broker's CONNACK: whether it resumed a session, its limits. */
export interface Connection {
  client: MqttClient;
  connack: IConnackPacket;
}

/**
 * Connects and reports it; from then on reports every loss of the connection and every
 * reconnection (MQTT.js reconnects by itself, every `reconnectPeriod` ms, default 1 s).
 * The FIRST attempt is not retried: a wrong URL or a refused password should stop the app with
 * the reason, not retry forever in silence.
 *
 * `prepare` runs on the new client BEFORE it connects: put the 'message' listener there. A
 * resumed session's queued messages arrive right behind the CONNACK, often in the same network
 * read, so MQTT.js emits them before any code after the connect can run: a listener added then
 * misses them, and MQTT.js has already acknowledged them to the broker, so they are gone.
 */
export function connectAndReport(settings: ConnectionSettings, prepare?: (client: MqttClient) => void): Promise<Connection> {
  const client = connect(settings.url, settings.options);
  prepare?.(client);
  return new Promise<Connection>((resolve, reject) => {
    const fail = (error: Error) => {
      client.end(true);
      reject(new Error(`could not connect to ${settings.url}: ${error.message}`));
    };
    const closed = () => fail(new Error('the connection closed before the CONNACK'));
    client.once('error', fail);
    client.once('close', closed);
    client.once('connect', (connack) => {
      // Only our own listeners: MQTT.js has its own 'close' listener (it schedules reconnects).
      client.off('error', fail).off('close', closed);
      report(`connected to ${settings.url} as ${client.options.clientId}`);
      client.on('offline', () => report(`connection to ${settings.url} lost; reconnecting`));
      client.on('connect', () => report(`reconnected to ${settings.url}`));
      client.on('error', (error) => report(`error: ${error.message}`));
      resolve({ client, connack });
    });
  });
}

/** Sends DISCONNECT (a planned goodbye) and closes the connection. */
export async function disconnect(client: MqttClient): Promise<void> {
  await client.endAsync();
  report('disconnected');
}

/**
 * Runs an app: `main` starts it; on Ctrl-C (SIGINT) or SIGTERM, `stop` ends it properly and the
 * process exits 0. An error, from `main` or from `stop`, is printed and the process exits 1, so
 * a script or a service manager sees that the app failed.
 */
export function runApp(main: () => Promise<void>, stop?: () => Promise<void>): void {
  const fail = (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    exitAfterOutput(1);
  };
  if (stop) {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      // A second Ctrl-C while stopping: the user does not want to wait.
      if (stopping) process.exit(130);
      stopping = true;
      report(`stopping (${signal})`);
      stop().then(() => exitAfterOutput(0), fail);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  main().catch(fail);
}

/**
 * Exits once everything printed has left the process. Writes to a pipe are asynchronous on
 * some systems (Windows, macOS): an immediate process.exit() could cut the last lines off.
 */
function exitAfterOutput(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
