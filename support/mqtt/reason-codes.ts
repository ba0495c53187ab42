/**
 * Reason codes by their names in the specs, so that a failure says "0x97 Quota exceeded", not
 * "151". MQTT 5 gives every CONNACK, PUBACK, PUBREC, SUBACK and DISCONNECT a reason code from
 * one table (spec 2.4); MQTT 3.1.1 has only the six CONNACK return codes (spec 3.2.2.3).
 */
import type { ProtocolVersion } from '../clients/lab-client';

const MQTT5: Record<number, string> = {
  0x00: 'Success',
  0x10: 'No matching subscribers',
  0x11: 'No subscription existed',
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

const MQTT311_CONNACK: Record<number, string> = {
  0: 'Connection Accepted',
  1: 'unacceptable protocol version',
  2: 'identifier rejected',
  3: 'Server unavailable',
  4: 'bad user name or password',
  5: 'not authorized',
};

const hex = (code: number) => `0x${code.toString(16).padStart(2, '0')}`;

/** "0x97 Quota exceeded" (MQTT 5), "2 identifier rejected" (an MQTT 3.1.1 CONNACK). */
export function describeReasonCode(code: number | undefined, protocolVersion: ProtocolVersion = 5): string {
  if (code === undefined) return 'no reason code';
  if (protocolVersion === 4) return `${code} ${MQTT311_CONNACK[code] ?? '(not a CONNACK return code of MQTT 3.1.1)'}`;
  return `${hex(code)} ${MQTT5[code] ?? '(not in the MQTT 5 reason code table)'}`;
}

/** A list of reason codes: "0x00 Success, 0x97 Quota exceeded". */
export function describeReasonCodes(codes: (number | undefined)[], protocolVersion: ProtocolVersion = 5): string {
  return codes.length ? codes.map((c) => describeReasonCode(c, protocolVersion)).join(', ') : '(none)';
}
