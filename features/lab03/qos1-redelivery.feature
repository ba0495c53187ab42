@lab03 @mqtt311
Feature: QoS 1 redelivers until it is acknowledged
  "At least once" means the broker keeps a QoS 1 message for a subscriber until the subscriber
  sends PUBACK. If the connection is lost first, the broker sends the message again when the
  durable session comes back, with the DUP flag set. The application may therefore see the
  same message twice: make its handling idempotent, or use QoS 2.
  MQTT 5 spec section 4.4. Files: brokers/lab03/mosquitto.conf

  Background:
    Given a broker running "lab03/mosquitto.conf"
    And the logger has a durable session subscribed to "alerts/#" with QoS 1

  Rule: An unacknowledged QoS 1 message is sent again after a reconnect

    @MQTT-4.4.0-1 @MQTT-3.3.1-1
    Scenario: A message whose PUBACK was lost is redelivered with the DUP flag
      Given the logger stops acknowledging messages
      And the smoke detector publishes "smoke in the kitchen" to "alerts/kitchen" with QoS 1
      And the logger receives "smoke in the kitchen" on "alerts/kitchen"
      When the logger's connection drops
      And the logger reconnects to its durable session
      Then the logger receives "smoke in the kitchen" on "alerts/kitchen" again, flagged as a duplicate

    Scenario: An acknowledged QoS 1 message is not sent again
      Given the smoke detector publishes "smoke in the kitchen" to "alerts/kitchen" with QoS 1
      And the logger receives and acknowledges "smoke in the kitchen" on "alerts/kitchen"
      When the logger's connection drops
      And the logger reconnects to its durable session
      Then the logger receives exactly 1 message on "alerts/kitchen"
