@lab03 @mqtt311
Feature: QoS 2 finishes a broken handshake after the reconnect, and delivers once
  "Exactly once" survives a lost connection only with a durable session: when it comes back,
  broker and client both send again what the other has not acknowledged, with the same packet
  identifier [MQTT-4.4.0-1]. What is sent again depends on where the handshake broke off:
  - the PUBREC was lost: the broker does not know that the client has the message, so it sends
    the PUBLISH again with the DUP flag;
  - the PUBCOMP was lost: the broker knows (PUBREC came), so it only sends PUBREL again, never
    the PUBLISH [MQTT-4.3.3-1]. A broker that sent the PUBLISH would give the application a
    second copy.
  MQTT.js hands a QoS 2 message to the application when PUBREL arrives, not with the PUBLISH,
  so in both cases the application gets it once. Compare QoS 1 (qos1-redelivery.feature), where
  the application may see it twice. MQTT 3.1.1 spec section 4.3.3 and 4.4.
  Files: brokers/lab03/mosquitto.conf (nothing to set: this is the protocol)

  Background:
    Given a broker running "lab03/mosquitto.conf"
    And the logger has a durable session subscribed to "alerts/#" with QoS 2

  Rule: After the reconnect the broker resumes the handshake where it broke off

    @MQTT-4.4.0-1 @MQTT-3.3.1-1
    Scenario: The PUBREC was lost: the broker sends the PUBLISH again with DUP, the application gets it once
      Given the logger's PUBREC packets get lost on the way to the broker
      And the smoke detector publishes "smoke in the kitchen" to "alerts/kitchen" with QoS 2
      And the logger's connection has brought it the PUBLISH of "smoke in the kitchen"
      When the logger's connection drops
      And the logger reconnects to its durable session
      Then the broker sends the logger the PUBLISH of "smoke in the kitchen" again, flagged as a duplicate
      And the logger's application gets "smoke in the kitchen" on "alerts/kitchen" exactly once

    @MQTT-4.4.0-1 @MQTT-4.3.3-1
    Scenario: The PUBCOMP was lost: the broker sends only the PUBREL again, the application gets it once
      Given the logger's PUBCOMP packets get lost on the way to the broker
      And the smoke detector publishes "smoke in the kitchen" to "alerts/kitchen" with QoS 2
      And the logger receives "smoke in the kitchen" on "alerts/kitchen"
      When the logger's connection drops
      And the logger reconnects to its durable session
      Then the broker sends the logger the PUBREL of "smoke in the kitchen" again, and not its PUBLISH
      And the logger's application gets "smoke in the kitchen" on "alerts/kitchen" exactly once
