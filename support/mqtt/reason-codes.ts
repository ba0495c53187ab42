/**
 * The names the specs give to reason codes, so that a failure can say "PUBACK 0x87 Not
 * authorized" where a bare number would make the learner look it up. One table for MQTT 5
 * (spec 2.4, where one code means different things in different packets) and one for the
 * CONNACK return codes and SUBACK failure of MQTT 3.1.1 (spec 3.1.1, 3.2.2.3 and 3.9.3).
 */
import type { ProtocolVersion } from '../clients/protocol-types';

/** The packets that carry a reason code (MQTT 5) or a return code (MQTT 3.1.1). */
export type AckPacket = 'CONNACK' | 'PUBACK' | 'PUBREC' | 'PUBREL' | 'PUBCOMP' | 'SUBACK' | 'UNSUBACK' | 'DISCONNECT' | 'AUTH';

/** MQTT 5 reason codes whose meaning does not depend on the packet (spec 2.4, table 2-6). */
const MQTT5_REASONS: Record<number, string> = {
  0x04: 'Disconnect with Will Message',
  0x10: 'No matching subscribers',
  0x11: 'No subscription existed',
  0x18: 'Continue authentication',
  0x19: 'Re-authenticate',
  0x80: 'Unspecified error',
  0x81: 'Malformed Packet',
  0x82: 'Protocol Error',
  0x83: 'Implementation specific error',
  0x84: 'Unsupported Protocol Version',
  0x85: 'Client Identifier not valid',
  0x86: 'Bad User Name or Password',
  0x87: 'Not authorized',
  0x88: 'Server unavailable',
  0x89: 'Server busy',
  0x8a: 'Banned',
  0x8b: 'Server shutting down',
  0x8c: 'Bad authentication method',
  0x8d: 'Keep Alive timeout',
  0x8e: 'Session taken over',
  0x8f: 'Topic Filter invalid',
  0x90: 'Topic Name invalid',
  0x91: 'Packet Identifier in use',
  0x92: 'Packet Identifier not found',
  0x93: 'Receive Maximum exceeded',
  0x94: 'Topic Alias invalid',
  0x95: 'Packet too large',
  0x96: 'Message rate too high',
  0x97: 'Quota exceeded',
  0x98: 'Administrative action',
  0x99: 'Payload format invalid',
  0x9a: 'Retain not supported',
  0x9b: 'QoS not supported',
  0x9c: 'Use another server',
  0x9d: 'Server moved',
  0x9e: 'Shared Subscriptions not supported',
  0x9f: 'Connection rate exceeded',
  0xa0: 'Maximum connect time',
  0xa1: 'Subscription Identifiers not supported',
  0xa2: 'Wildcard Subscriptions not supported',
};

/** The codes below 0x04 are named by the packet that carries them. */
function mqtt5LowCode(code: number, packet: AckPacket): string | undefined {
  if (packet === 'SUBACK' && code <= 2) return `Granted QoS ${code}`;
  if (packet === 'DISCONNECT' && code === 0) return 'Normal disconnection';
  if (code === 0) return 'Success';
  return undefined;
}

/** MQTT 3.1.1 CONNACK return codes (spec 3.1.1, 3.2.2.3). */
const MQTT311_CONNACK: Record<number, string> = {
  0: 'Connection Accepted',
  1: 'Connection Refused, unacceptable protocol version',
  2: 'Connection Refused, identifier rejected',
  3: 'Connection Refused, Server unavailable',
  4: 'Connection Refused, bad user name or password',
  5: 'Connection Refused, not authorized',
};

/** Hex as the MQTT 5 spec writes it: 0x87, 0x00. */
export const hex = (code: number): string => `0x${code.toString(16).toUpperCase().padStart(2, '0')}`;

/** The spec's name of `code` in `packet`, or undefined for a code the spec does not define there. */
export function reasonName(code: number, packet: AckPacket, protocolVersion: ProtocolVersion = 5): string | undefined {
  if (protocolVersion === 4) {
    if (packet === 'CONNACK') return MQTT311_CONNACK[code];
    if (packet === 'SUBACK') return code <= 2 ? `Granted QoS ${code}` : code === 0x80 ? 'Failure' : undefined;
    return undefined;
  }
  return mqtt5LowCode(code, packet) ?? MQTT5_REASONS[code];
}

/**
 * "0x87 Not authorized" (MQTT 5), "5 Connection Refused, not authorized" (a 3.1.1 CONNACK, whose
 * spec writes return codes in decimal), "0x7F (not a reason code the spec defines for PUBACK)".
 */
export function describeCode(code: number, packet: AckPacket, protocolVersion: ProtocolVersion = 5): string {
  if (protocolVersion === 4 && packet !== 'CONNACK' && packet !== 'SUBACK') return 'with no reason code (MQTT 3.1.1 has none)';
  const written = protocolVersion === 4 && packet === 'CONNACK' ? String(code) : hex(code);
  const name = reasonName(code, packet, protocolVersion);
  return name ? `${written} ${name}` : `${written} (not a code the ${protocolVersion === 4 ? 'MQTT 3.1.1' : 'MQTT 5'} spec defines for ${packet})`;
}
