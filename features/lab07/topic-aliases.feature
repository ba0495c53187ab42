@lab07 @mqtt5
Feature: Topic aliases replace a long topic with a number
  Every PUBLISH carries its topic in full; for a small reading on a long topic most of the
  packet is topic. With MQTT 5 a client registers "alias 1 = this topic" in its first
  PUBLISH and then sends an empty topic plus the 2-byte alias. The broker says in its
  CONNACK how many aliases it accepts (Topic Alias Maximum, Mosquitto's per-listener
  `max_topic_alias`, default 10, here 4) and disconnects a client that uses an alias above
  it with reason code 0x94 "Topic Alias invalid". Aliases belong to one network connection
  and one direction: Mosquitto 2.0 never sends aliases to its subscribers.
  MQTT.js checks aliases against the CONNACK and will not send a bad one; to see the broker
  enforce its limit, the 0x94 scenario writes the packet past MQTT.js with mqtt-packet.
  A subscriber may allow aliases too (Topic Alias Maximum in its CONNECT): a broker that used
  them would send `factory/line-1/oven/temperature` once and then alias 1, saving the topic's
  31 bytes on every later PUBLISH to that subscriber, as the publisher saves on its side.
  Mosquitto 2.0 never does; the last scenario proves it from the bytes the subscriber read.
  MQTT 5 spec sections 3.2.2.3.8 and 3.3.2.3.4. Files: brokers/lab07/mqtt5.conf,
  labs/lab07/topic-alias.ts

  Background:
    Given a broker running "lab07/mqtt5.conf"

  Rule: The broker announces its limit and enforces it

    Scenario: The CONNACK tells the client how many topic aliases it may use
      When the oven sensor is connected with MQTT 5
      Then the broker's CONNACK allows the oven sensor 4 topic aliases

    @MQTT-3.3.2-9
    Scenario: An alias above the limit gets the client disconnected with 0x94
      Given the oven sensor is connected with MQTT 5
      And MQTT.js will not send topic alias 5 for the oven sensor
      When the oven sensor writes a QoS 1 PUBLISH with topic alias 5 straight to its connection
      Then the broker disconnects the oven sensor with reason code 0x94

  Rule: After the first PUBLISH, the alias stands in for the topic

    @MQTT-3.3.2-12
    Scenario: Later PUBLISH packets carry the alias only and are smaller by the topic's length
      Given the dashboard subscribes to "factory/line-1/oven/temperature"
      When the oven sensor publishes 3 readings to "factory/line-1/oven/temperature" through topic alias 1
      Then only the first of those PUBLISH packets carried the topic, the others an empty topic and alias 1
      And each later PUBLISH was smaller than the first by the length of the topic
      And the dashboard receives readings 1 to 3 on "factory/line-1/oven/temperature", each exactly once

  Rule: Mosquitto 2.0 sends subscribers no topic aliases, whatever they allow

    # A broker that assigned aliases would pass the spec too ([MQTT-3.1.2-26] only sets the
    # upper bound): this is a fact about Mosquitto 2.0, proven on the subscriber's wire.
    @MQTT-3.1.2-26
    Scenario: A dashboard that allows 10 aliases still gets the full topic in every PUBLISH
      Given the dashboard is connected with MQTT 5, allowing the broker 10 topic aliases
      And the dashboard subscribes to "factory/line-1/oven/temperature"
      When the oven sensor publishes readings 1 to 3 to "factory/line-1/oven/temperature" with QoS 1
      Then the dashboard receives readings 1 to 3 on "factory/line-1/oven/temperature", each exactly once
      And every PUBLISH the dashboard read from its socket carried the full topic "factory/line-1/oven/temperature" and no topic alias

  Rule: An alias lives as long as the connection that set it up

    @MQTT-3.3.2-7
    Scenario: After a reconnect, an alias from the old connection is a protocol error
      Given the oven sensor publishes 3 readings to "factory/line-1/oven/temperature" through topic alias 1
      And the oven sensor's connection drops
      When the oven sensor reconnects with a clean session
      And the oven sensor writes "a PUBLISH with an empty topic and topic alias 1" straight to its connection
      Then the broker disconnects the oven sensor with reason code 0x82
