@lab02
Feature: Overlapping subscriptions
  A client may hold several subscriptions whose filters match the same topic, such as
  `factory/#` and `factory/+`. The spec leaves it to the server whether such a client gets one
  copy of a matching message or one per matching subscription (MQTT 3.1.1 section 3.3.5,
  MQTT 5 section 3.3.4); what it requires is the maximum QoS of the matching subscriptions,
  and in MQTT 5 the Subscription Identifiers: a single copy carries the identifiers of all
  matching subscriptions, and each of several copies carries the one of its own subscription.
  Mosquitto 2.0 sends an MQTT 3.1.1 client one copy (`allow_duplicate_messages false`, the 2.0
  default) and an MQTT 5 client one copy per matching subscription, each tagged with its
  subscription's identifier. Another broker may do otherwise: match on the identifiers, not on
  the number of copies.
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

    @mqtt5 @MQTT-3.3.4-3 @MQTT-3.3.4-5
    Scenario: An MQTT 5 subscriber gets a copy per matching subscription, each tagged with its identifier
      Given the logger subscribes to "factory/#" with subscription identifier 1
      And the logger subscribes to "factory/+" with subscription identifier 2
      When the press publishes "stroke 1042" to "factory/press"
      Then the logger receives "stroke 1042" on "factory/press" once tagged with subscription identifier 1 and once with 2, and no other copy
