/**
 * A bare MQTT connection: a TCP socket, mqtt-packet's encoder and parser, and nothing else.
 *
 * WHY: a client library protects its user from sending what the spec forbids. MQTT.js will not
 * send a CONNECT without a client id that asks for a durable session ("Missing clientId for
 * unclean clients"), nor a protocol level it does not know, and it sends PUBREL the moment a
 * PUBREC arrives. To see what the BROKER does with such packets, a scenario has to write them
 * itself. mqtt-packet is the encoder MQTT.js uses: what it cannot encode (a protocol level 6, a
 * QoS 3 PUBLISH) is made by encoding a valid packet and changing the one byte that differs.
 *
 * Everything the connection reads is parsed again with mqtt-packet and kept in `received`, so
 * a step judges the packets the broker really sent, and a failure lists them.
 */
import { EventEmitter } from 'node:events';
import { createConnection, Socket } from 'node:net';
import { generate, IConnectPacket, Packet, parser as mqttParser } from 'mqtt-packet';
import type { ProtocolVersion } from '../clients/lab-client';
import { describePacket } from '../clients/lab-client';
import { PROMPTLY_MS, waitUntil } from '../sync/waiting';

export interface RawPacket {
  direction: 'sent' | 'received';
  /** Milliseconds since the connection was opened. */
  at: number;
  /** What was sent (as meant; for a patched packet, a description) or received (as parsed). */
  text: string;
  packet?: Packet;
}

export class RawConnection {
  readonly log: RawPacket[] = [];
  closedAt?: number;
  private readonly changes = new EventEmitter();
  private readonly openedAt = Date.now();

  private constructor(
    readonly name: string,
    readonly protocolVersion: ProtocolVersion,
    private readonly socket: Socket,
  ) {
    const parser = mqttParser({ protocolVersion });
    parser.on('packet', (packet: Packet) => this.note({ direction: 'received', packet, text: describePacket(packet) }));
    parser.on('error', (error: Error) => this.note({ direction: 'received', text: `bytes mqtt-packet cannot parse: ${error.message}` }));
    socket.on('data', (chunk) => parser.parse(chunk));
    // A reset by the broker is one way of closing the connection: the steps judge the close.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closedAt = Date.now();
      this.changes.emit('change');
    });
  }

  /** Opens the TCP connection to the broker's MQTT URL; nothing is sent yet. */
  static open(name: string, url: string, protocolVersion: ProtocolVersion): Promise<RawConnection> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = createConnection({ host: hostname, port: Number(port) });
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new RawConnection(name, protocolVersion, socket));
      });
      socket.once('error', reject);
    });
  }

  get isOpen(): boolean {
    return this.closedAt === undefined;
  }

  get received(): Packet[] {
    return this.log.flatMap((p) => (p.direction === 'received' && p.packet ? [p.packet] : []));
  }

  /** Encodes the packet with mqtt-packet, as MQTT.js would, and writes it. */
  send(packet: Packet): void {
    this.sendBytes(generate(packet, { protocolVersion: this.protocolVersion }), describePacket(packet));
  }

  /** Writes bytes made by hand (see the builders below); `text` says what they are. */
  sendBytes(bytes: Buffer, text: string): void {
    if (!this.isOpen) throw new Error(`${this.name}'s connection is closed, so it cannot send ${text}`);
    this.note({ direction: 'sent', text: `${text} [${bytes.length} bytes: ${bytes.toString('hex').slice(0, 48)}]` });
    this.socket.write(bytes);
  }

  /** The first received packet that matches, waiting up to `timeoutMs`. */
  waitForPacket<T extends Packet>(description: string, predicate: (p: Packet) => boolean, timeoutMs = PROMPTLY_MS): Promise<T> {
    return this.waitFor(`${this.name} received ${description}`, timeoutMs, () => this.received.find(predicate) as T | undefined).catch((error: Error) => {
      throw new Error(`${error.message}. ${this.transcript()}`);
    });
  }

  /** Resolves once the broker closed the connection. */
  async waitForClose(timeoutMs = PROMPTLY_MS): Promise<void> {
    await this.waitFor(`the broker closed ${this.name}'s connection`, timeoutMs, () => (this.isOpen ? undefined : true)).catch(() => {
      throw new Error(`The broker did not close ${this.name}'s connection within ${timeoutMs} ms. ${this.transcript()}`);
    });
  }

  /**
   * PINGREQ, then wait for the PINGRESP: the broker handles one connection's packets in order,
   * so once the answer is back, it has processed (and answered) everything sent before it.
   */
  async roundTrip(): Promise<void> {
    const pings = this.received.filter((p) => p.cmd === 'pingresp').length;
    this.send({ cmd: 'pingreq' });
    await this.waitForPacket('a PINGRESP', () => this.received.filter((p) => p.cmd === 'pingresp').length > pings);
  }

  /** Every packet of the connection, one a line, for failure messages. */
  transcript(): string {
    const lines = this.log.map((p) => `  +${p.at} ms ${p.direction.padEnd(8)} ${p.text}`);
    const closed = this.closedAt === undefined ? 'still open' : `closed by the broker at +${this.closedAt - this.openedAt} ms`;
    return `${this.name}'s packets:\n${lines.join('\n') || '  (none)'}\n  (connection ${closed})`;
  }

  close(): void {
    this.socket.destroy();
  }

  private note(entry: Omit<RawPacket, 'at'>): void {
    this.log.push({ ...entry, at: Date.now() - this.openedAt });
    this.changes.emit('change');
  }

  private waitFor<T>(description: string, timeoutMs: number, probe: () => T | undefined): Promise<T> {
    return waitUntil(description, timeoutMs, probe, (onChange) => {
      this.changes.on('change', onChange);
      return () => this.changes.off('change', onChange);
    });
  }
}

// --- Packets MQTT.js will not send -------------------------------------------------------------

/** Where the protocol level byte sits in a CONNECT: fixed header, length, "MQTT" with its length. */
function variableHeaderStart(bytes: Buffer): number {
  let i = 1;
  while (bytes[i] & 0x80) i++;
  return i + 1;
}

export interface HandWrittenConnect {
  clientId: string;
  protocolVersion: ProtocolVersion;
  clean: boolean;
  keepalive?: number;
  /** Another protocol name than "MQTT" (4 letters, so that only the name is wrong). */
  protocolName?: string;
  /** A protocol level other than 4 or 5 (mqtt-packet refuses to encode one). */
  protocolLevel?: number;
  /** Sets bit 0 of the Connect Flags, which the spec reserves and a server must see at 0. */
  reservedFlag?: boolean;
  properties?: IConnectPacket['properties'];
}

/**
 * A CONNECT as bytes. mqtt-packet refuses an unknown protocol level and an empty client id
 * with clean session 0 (as MQTT.js does), so such a CONNECT is encoded with level 4 or clean
 * session 1 and the level byte or the Clean Session bit (0x02 of the Connect Flags) changed.
 */
export function connectBytes(connect: HandWrittenConnect): { bytes: Buffer; text: string } {
  const emptyIdKept = connect.clientId === '' && !connect.clean;
  const packet: IConnectPacket = {
    cmd: 'connect',
    // mqtt-packet's type allows only the two real names; any 4-letter name encodes alike.
    protocolId: (connect.protocolName ?? 'MQTT') as IConnectPacket['protocolId'],
    protocolVersion: connect.protocolVersion,
    clientId: connect.clientId,
    clean: emptyIdKept ? true : connect.clean,
    keepalive: connect.keepalive ?? 30,
    ...(connect.properties ? { properties: connect.properties } : {}),
  };
  const bytes = generate(packet, { protocolVersion: connect.protocolVersion });
  const level = variableHeaderStart(bytes) + 2 + Buffer.byteLength(packet.protocolId!);
  if (connect.protocolLevel !== undefined) bytes[level] = connect.protocolLevel;
  if (emptyIdKept) bytes[level + 1] &= ~0x02;
  if (connect.reservedFlag) bytes[level + 1] |= 0x01;
  const text =
    `CONNECT protocol "${packet.protocolId}" level ${bytes[level]} clientId="${connect.clientId}" clean=${connect.clean ? 1 : 0}` +
    (connect.reservedFlag ? ' reserved flag=1' : '') +
    (connect.properties ? ` properties=${JSON.stringify(connect.properties)}` : '');
  return { bytes, text };
}
