@lab07 @mqtt5
Feature: Flow control: how many messages may be in flight, and how large a packet may be
  Each side of an MQTT 5 connection tells the other what it can take (spec 4.9, 3.1.2.11,
  3.2.2.3). Receive Maximum: how many QoS 1 and 2 messages may wait for their acknowledgement
  at once. A phone that handles one alert at a time says 2, and the broker keeps the other
  alerts queued until the phone acknowledges; nothing is lost, it just waits. Maximum Packet
  Size: the largest packet it accepts. A small device says 64 bytes, and the broker skips the
  messages that would not fit: it drops them for that client, silently, as if they had been
  delivered. The broker announces its own limits in CONNACK, from `max_inflight_messages`
  and `max_packet_size`; what it does to a client that ignores them is a Mosquitto fact:
  2.0.21 answers a QoS 2 PUBLISH over its Receive Maximum with PUBREC 0x97 "Quota exceeded"
  and keeps the connection (the spec's answer would be DISCONNECT 0x93 "Receive Maximum
  exceeded"), and cuts off a client whose packet is too large with DISCONNECT 0x95 "Packet too
  large" (an MQTT 3.1.1 client just loses its connection).
  MQTT.js follows the broker's limits itself, so the QoS 2 scenario writes its packets by hand
  (support/mqtt/raw-connection.ts); every check reads the packets as they crossed the wire.
  Files: brokers/lab07/flow-control.conf

  Background:
    Given a broker running "lab07/flow-control.conf"

  Rule: The broker never has more messages in flight to a client than the client's Receive Maximum

    @MQTT-3.3.4-9 @MQTT-4.9.0-1 @MQTT-4.9.0-2 @MQTT-4.6.0-6
    Scenario: A phone that allows 2 messages in flight gets 2 alerts, and the rest once it acknowledges them
      Given the phone is connected with MQTT 5, allowing 2 unacknowledged messages in flight, and subscribed to "alerts/#" with QoS 1
      And the phone holds back its acknowledgements
      When the smoke detector publishes readings 1 to 5 to "alerts/kitchen" with QoS 1
      Then the phone receives readings 1 to 2 on "alerts/kitchen", in order, and nothing else
      When the phone sends the acknowledgements it held back
      Then the phone receives readings 1 to 5 on "alerts/kitchen", in order, and nothing else
      And the phone never had more than 2 unacknowledged messages in flight

  Rule: A client that goes over the broker's Receive Maximum gets "quota exceeded"

    # Three QoS 2 messages whose PUBREL never comes stay in flight on the broker's side: the
    # third is one more than max_inflight_messages allows.
    @MQTT-3.3.4-7 @MQTT-3.5.2-1 @MQTT-4.3.3-8
    Scenario: The broker allows 2 unfinished QoS 2 messages and answers the third with PUBREC 0x97
      Given the oven sensor is connected with MQTT 5, writing its packets by hand
      Then the broker's CONNACK gives the oven sensor a Receive Maximum of 2
      When the oven sensor writes 3 QoS 2 PUBLISH packets to "factory/oven/temperature" by hand and never releases them
      Then the broker answers the oven sensor with PUBREC 0x00, 0x00 and 0x97, and keeps its connection open

  Rule: The broker skips messages too large for a client

    @MQTT-3.1.2-24 @MQTT-3.1.2-25
    Scenario: A display that accepts 64-byte packets gets the short reading, not the long report
      Given the display is connected with MQTT 5, accepting packets of at most 64 bytes, and subscribed to "home/kitchen/#" with QoS 1
      When the thermostat publishes a 200-byte report to "home/kitchen/report" with QoS 1
      And the thermostat publishes "21.5" to "home/kitchen/temperature" with QoS 1
      Then the display receives "21.5" on "home/kitchen/temperature"
      And the display never read the report on "home/kitchen/report", nor any packet larger than 64 bytes

  Rule: A client that sends a packet larger than max_packet_size is cut off

    @MQTT-3.2.2-15
    Scenario: An MQTT 5 client is told its packet was too large, with DISCONNECT 0x95
      Given the oven sensor is connected with MQTT 5
      Then the broker's CONNACK limits the oven sensor's packets to 256 bytes
      When the oven sensor tries to publish a 300-byte report to "factory/oven/report" with QoS 1
      Then the broker disconnects the oven sensor with reason code 0x95

    @mqtt311
    Scenario: An MQTT 3.1.1 client just loses its connection
      Given the old logger is connected with MQTT 3.1.1
      When the old logger tries to publish a 300-byte report to "factory/oven/report" with QoS 1
      Then the broker closes the old logger's connection
