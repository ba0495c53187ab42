@lab14
Feature: Two Mosquitto brokers share nothing
  Open-source Mosquitto has no clustering: two brokers started side by side are two separate
  worlds. A message published on alpha exists on alpha only; a session alpha keeps is unknown
  to bravo. So the obvious plan for high availability, "clients move to bravo when alpha dies",
  loses whatever was published on alpha while a client was on its way, and everything alpha had
  queued for it. These two scenarios show the problem that the rest of the lab solves.
  Files: brokers/lab14/alpha.conf, brokers/lab14/bravo.conf (no bridge between them)

  Background:
    Given these independent brokers run:
      | broker | config           |
      | alpha  | lab14/alpha.conf |
      | bravo  | lab14/bravo.conf |

  Rule: A message exists only on the broker it was published to

    @mqtt311
    Scenario: A subscriber that moved to bravo never sees what was published on alpha
      Given the dispatcher subscribes to "plant/#" with QoS 1 on the alpha broker
      When the dispatcher moves to the bravo broker, subscribing to "plant/#" with QoS 1
      And the sensor publishes readings 1 to 3 to "plant/line-1/counter" with QoS 1 on the alpha broker
      Then the dispatcher receives nothing on "plant/#"

    @mqtt311 @MQTT-3.2.2-3
    Scenario: A durable session on alpha is unknown to bravo
      Given the dispatcher has a durable session on the alpha broker subscribed to "plant/#" with QoS 1
      When the dispatcher moves to the bravo broker, asking to resume its durable session
      Then the broker reports that it kept no session for the dispatcher
