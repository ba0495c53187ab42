/**
 * What happens to a connection's acknowledgements on the way out, for the scenarios about
 * redelivery and flow control:
 *  - 'lose': the packets of the listed kinds (PUBACK and PUBREC, or PUBCOMP alone, ...) never
 *    reach the socket, while MQTT.js handles every incoming packet as usual (messages,
 *    PINGRESPs, DISCONNECTs keep flowing) and believes it answered: the broker keeps the
 *    message unacknowledged and resends it (or its PUBREL) on the next connection.
 *  - 'hold': PUBACKs and PUBRECs wait until release() writes them, as a slow application
 *    would acknowledge late.
 * A new connection starts without a fault (reset()).
 */
import type { MqttClient, Packet } from 'mqtt';

type FaultAction = 'lose' | 'hold';

export class AcknowledgementFaults {
  private fault?: { action: FaultAction; kinds: ReadonlySet<string> };
  private held: Packet[] = [];
  /** The current connection's own packet writer, past the fault (for releasing held acks). */
  private writeThrough?: (packet: Packet) => void;

  /** A new connection acknowledges normally, and nothing held for the old one is written. */
  reset(): void {
    this.fault = undefined;
    this.held = [];
  }

  lose(kinds: Packet['cmd'][]): void {
    this.fault = { action: 'lose', kinds: new Set(kinds) };
  }

  hold(): void {
    this.fault = { action: 'hold', kinds: new Set(['puback', 'pubrec']) };
  }

  get holding(): boolean {
    return this.fault?.action === 'hold';
  }

  /** Writes the held acknowledgements, oldest first, and lets every later one through. */
  release(): number {
    const held = this.held.splice(0);
    this.fault = undefined;
    for (const packet of held) this.writeThrough!(packet);
    return held.length;
  }

  /**
   * Puts the faults between MQTT.js and `client`'s socket. A dropped or held packet is reported
   * to MQTT.js as written at once: MQTT.js handles incoming packets one after the other and
   * waits for each answer's write, so a callback held back would stall everything behind it.
   * `isCurrent` is false once a reconnect replaced this connection.
   */
  install(client: MqttClient, isCurrent: () => boolean): void {
    const internals = client as unknown as { _writePacket: (packet: Packet, cb?: () => void) => void };
    const writePacket = internals._writePacket.bind(client);
    this.writeThrough = (packet) => {
      if (isCurrent()) writePacket(packet);
    };
    internals._writePacket = (packet, cb) => {
      const fault = this.fault;
      if (fault && fault.kinds.has(packet.cmd)) {
        if (fault.action === 'hold') this.held.push(packet);
        cb?.();
        return;
      }
      writePacket(packet, cb);
    };
  }
}
