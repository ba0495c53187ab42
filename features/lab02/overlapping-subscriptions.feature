@lab02
Feature: Overlapping subscriptions
  A client may hold several subscriptions whose filters match the same topic, such as
  `factory/#` and `factory/+`. How many copies of a matching message it gets depends on the
  protocol: Mosquitto sends an MQTT 3.1.1 client one copy (allow_duplicate_messages false, the
  2.0 default), and an MQTT 5 client one copy per matching subscription, as MQTT 5 requires.
  Files: brokers/lab02/mosquitto.conf

  Background:
    Given a broker running "lab02/mosquitto.conf"

  Rule: The number of copies depends on the protocol version

    @mqtt311
    Scenario: An MQTT 3.1.1 subscriber gets one copy for overlapping subscriptions
      Given the logger is connected with MQTT 3.1.1
      And the logger subscribes to "factory/#"
      And the logger subscribes to "factory/+"
      When the press publishes "stroke 1042" to "factory/press"
      Then the logger receives exactly 1 message on "factory/press"

    @mqtt5 @MQTT-3.3.4-2
    Scenario: An MQTT 5 subscriber gets a copy per matching subscription
      Given the logger is connected with MQTT 5
      And the logger subscribes to "factory/#"
      And the logger subscribes to "factory/+"
      When the press publishes "stroke 1042" to "factory/press"
      Then the logger receives exactly 2 messages on "factory/press"
