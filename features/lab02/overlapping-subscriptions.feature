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
  The QoS of that single 3.1.1 copy is where Mosquitto 2.0.21 departs from the spec
  [MQTT-3.3.5-1]: it does not take the maximum. It walks its subscription tree level by level,
  exact names first, then `+`, then `#`, and the first subscription it finds decides the QoS;
  the later ones are skipped as duplicates. So `factory/+` wins over `factory/#` for
  `factory/press`, whatever order they were subscribed in. Examples tagged
  `@deviates-MQTT-3.3.5-1` prove that departure (see summary.md).
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

  Rule: The single MQTT 3.1.1 copy comes at the QoS of the first subscription Mosquitto finds

    @mqtt311
    Scenario Outline: "factory/#" at QoS <hash> and "factory/+" at QoS <plus>: the spec asks for QoS <spec>, Mosquitto sends QoS <delivered>
      Given the logger is connected with MQTT 3.1.1
      And the logger subscribes to "factory/#" with QoS <hash>
      And the logger subscribes to "factory/+" with QoS <plus>
      When the press publishes "stroke 1042" to "factory/press" with QoS 2
      Then the logger receives exactly one copy of "stroke 1042" on "factory/press", at QoS <delivered>

      @MQTT-3.3.5-1
      Examples: the subscription found first has the highest QoS
        | hash | plus | spec | delivered |
        | 1    | 2    | 2    | 2         |

      @deviates-MQTT-3.3.5-1
      Examples: the subscription found first has the lower QoS
        | hash | plus | spec | delivered |
        | 2    | 1    | 2    | 1         |
