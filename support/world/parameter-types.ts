/**
 * Parameter types let feature files speak the domain: `the thermostat`, `QoS 1`, `"home/+/temp"`,
 * `MQTT 5`. Each converts to the value the steps need.
 */
import { defineParameterType } from '@cucumber/cucumber';
import { numbered } from '../sync/delivery';
import { ProtocolVersion, QoS } from '../clients/lab-client';

/** "the thermostat", "the smoke detector": a named client of the scenario. */
defineParameterType({
  name: 'client',
  regexp: /the ([a-z][a-z0-9-]*(?: [a-z][a-z0-9-]*)*?)/,
  transformer: (name: string) => name,
});

/** "QoS 0", "QoS 1", "QoS 2". */
defineParameterType({
  name: 'qos',
  regexp: /QoS ([012])/,
  transformer: (level: string) => Number(level) as QoS,
});

/** A topic name or filter, in quotes: "home/+/temp". */
defineParameterType({
  name: 'topic',
  regexp: /"([^"]*)"/,
  transformer: (topic: string) => topic,
});

/** "MQTT 3.1.1" or "MQTT 5": the protocol version a client speaks. */
defineParameterType({
  name: 'protocol',
  regexp: /MQTT (3\.1\.1|5)/,
  transformer: (version: string): ProtocolVersion => (version === '5' ? 5 : 4),
});

/** A CONNACK / PUBACK / SUBACK reason code as written in the spec: 5, 0x87, 128. */
defineParameterType({
  name: 'code',
  regexp: /(0x[0-9a-fA-F]{2}|\d+)/,
  transformer: (code: string) => Number(code),
});

/** "readings 1 to 5", "orders 1 to 6": numbered payloads ("reading 1" ... "reading 5"). */
defineParameterType({
  name: 'numbered',
  regexp: /(order|reading)s (\d+) to (\d+)/,
  transformer: (noun: string, from: string, to: string) => numbered(noun, Number(from), Number(to)),
});

/** "the hub", "the leaf", "the edge-1 broker": a named broker of a multi-broker scenario. */
defineParameterType({
  name: 'broker',
  regexp: /the ([a-z][a-z0-9-]*)(?: broker)?/,
  transformer: (name: string) => name,
});
