@lab03
Feature: The QoS levels and their handshakes
  QoS is a promise between ONE sender and the broker (and again between the broker and each
  subscriber), kept by a handshake of packets:
  QoS 0 "at most once" sends PUBLISH and forgets it; QoS 1 "at least once" repeats PUBLISH
  until a PUBACK arrives, so a message may arrive twice; QoS 2 "exactly once" adds a second
  round trip (PUBREC, PUBREL, PUBCOMP) so that the receiver can drop the duplicates.
  Each extra packet costs a round trip: pick the lowest QoS the use case can live with.
  MQTT 5 spec section 4.3. Files: brokers/lab03/mosquitto.conf

  Background:
    Given a broker running "lab03/mosquitto.conf"

  Rule: Each QoS level has its own handshake between publisher and broker

    @mqtt311 @MQTT-3.3.4-1
    Scenario Outline: Publishing at <qos> takes the packets <handshake>
      Given the dashboard subscribes to "home/living/temperature" with QoS 2
      When the thermostat publishes "21.5" to "home/living/temperature" with <qos>
      Then the thermostat's publish took the packets "<handshake>"
      And the dashboard receives "21.5" on "home/living/temperature"

      Examples: nothing to answer
        | qos   | handshake |
        | QoS 0 | PUBLISH   |

      @MQTT-4.3.2-2 @MQTT-2.3.1-6
      Examples: the broker answers with the packet identifier of the PUBLISH
        | qos   | handshake       |
        | QoS 1 | PUBLISH, PUBACK |

      @MQTT-4.3.3-2 @MQTT-2.3.1-6
      Examples: the broker answers with the packet identifier of the PUBLISH, twice
        | qos   | handshake                        |
        | QoS 2 | PUBLISH, PUBREC, PUBREL, PUBCOMP |

  Rule: The delivered QoS is the lower of the publish QoS and the subscription QoS

    @mqtt311 @MQTT-3.8.4-6
    Scenario: A message is delivered at the lower of the publish QoS and the subscription QoS
      Given the dashboard subscribes at every QoS level
      When the thermostat publishes at every QoS level
      Then the dashboard receives the messages at these QoS levels:
        | published \ subscribed | QoS 0 | QoS 1 | QoS 2 |
        | QoS 0                  | 0     | 0     | 0     |
        | QoS 1                  | 0     | 1     | 1     |
        | QoS 2                  | 0     | 1     | 2     |

  Rule: An MQTT 5 broker says in the PUBACK whether anybody subscribed

    @mqtt5 @MQTT-3.4.2-1 @MQTT-4.3.2-4
    Scenario: A QoS 1 message nobody subscribed to is acknowledged with "no matching subscribers"
      Given the thermostat is connected with MQTT 5
      When the thermostat publishes "21.5" to "nobody/listens/here" with QoS 1
      Then the broker acknowledges the thermostat's publish with reason code 0x10

    @mqtt5 @MQTT-3.4.2-1 @MQTT-4.3.2-4
    Scenario: A QoS 1 message with a subscriber is acknowledged with "success"
      Given the thermostat is connected with MQTT 5
      And the dashboard subscribes to "home/living/temperature"
      When the thermostat publishes "21.5" to "home/living/temperature" with QoS 1
      Then the broker acknowledges the thermostat's publish with reason code 0
