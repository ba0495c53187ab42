@lab02
Feature: SUBSCRIBE and UNSUBSCRIBE are answered filter by filter
  A client may put several topic filters in one SUBSCRIBE, and several in one UNSUBSCRIBE. The
  broker answers each with ONE acknowledgement that carries the request's packet identifier (so
  the client knows which request it answers) and a code for each filter, in the order the
  filters came: the QoS granted, or why not (spec 3.8.4, 3.9.3, 3.10.4; MQTT 5 also 3.11.3). An
  MQTT 5 UNSUBACK even tells a filter that had no subscription: 0x11 "No subscription existed".
  An UNSUBSCRIBE removes only a subscription whose filter is the same, character for character:
  "home/+" does not take away "home/#". MQTT.js hides the acknowledgements behind a promise; the
  steps read them from the client's wire record (support/mqtt/acknowledgements.ts).
  Files: brokers/lab02/mosquitto.conf

  Background:
    Given a broker running "lab02/mosquitto.conf"

  Rule: One SUBSCRIBE gets one SUBACK, with a code for each filter in the filters' order

    Scenario Outline: A logger subscribing to three filters at once with <protocol> is granted each QoS in order
      Given the logger is connected with <protocol>
      When the logger subscribes in one SUBSCRIBE to "alerts/#" with QoS 2, "meters/+" with QoS 0 and "status/#" with QoS 1
      Then the broker answers the logger with one SUBACK under the SUBSCRIBE's packet identifier, granting QoS 2, 0 and 1 in that order

      @mqtt311 @MQTT-3.8.4-1 @MQTT-3.8.4-2 @MQTT-3.8.4-5 @MQTT-3.9.3-1 @MQTT-3.9.3-2 @MQTT-2.3.1-7
      Examples:
        | protocol   |
        | MQTT 3.1.1 |

      @mqtt5 @MQTT-3.8.4-1 @MQTT-3.8.4-2 @MQTT-3.8.4-6 @MQTT-3.8.4-7 @MQTT-3.9.3-1 @MQTT-3.9.3-2 @MQTT-2.2.1-6
      Examples:
        | protocol |
        | MQTT 5   |

  Rule: One UNSUBSCRIBE gets one UNSUBACK, even for a filter that had no subscription

    @mqtt311 @MQTT-3.10.4-4 @MQTT-3.10.4-5 @MQTT-2.3.1-7
    Scenario: An MQTT 3.1.1 logger leaving a filter it had and one it never had gets one UNSUBACK
      Given the logger is connected with MQTT 3.1.1
      And the logger subscribes to "alerts/#"
      When the logger unsubscribes in one UNSUBSCRIBE from "alerts/#" and "meters/+"
      Then the broker answers the logger with one UNSUBACK under the UNSUBSCRIBE's packet identifier, without reason codes

    @mqtt5 @MQTT-3.10.4-4 @MQTT-3.10.4-5 @MQTT-3.11.3-1 @MQTT-3.11.3-2 @MQTT-2.2.1-6
    Scenario: An MQTT 5 logger leaving a filter it had and one it never had is told which one existed
      Given the logger is connected with MQTT 5
      And the logger subscribes to "alerts/#"
      When the logger unsubscribes in one UNSUBSCRIBE from "alerts/#" and "meters/+"
      Then the broker answers the logger with one UNSUBACK under the UNSUBSCRIBE's packet identifier, with the reason codes 0x00 and 0x11

  Rule: UNSUBSCRIBE removes only the subscription whose filter it names, character for character

    @MQTT-3.10.4-1
    Scenario Outline: Unsubscribing from "home/+" with <protocol> leaves the subscription to "home/#"
      Given the dashboard is connected with <protocol>
      And the dashboard subscribes to "home/#"
      When the dashboard unsubscribes from "home/+"
      And the thermostat publishes "21.5" to "home/living"
      Then the dashboard receives "21.5" on "home/living"

      @mqtt311
      Examples:
        | protocol   |
        | MQTT 3.1.1 |

      @mqtt5
      Examples:
        | protocol |
        | MQTT 5   |
