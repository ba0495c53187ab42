@lab16
Feature: The mesh goes on when one of its brokers dies
  The point of a mesh is that no broker is special: when one dies, the publishers and
  subscribers on the other two carry on, and a client of the dead broker reconnects to another
  one and subscribes there. What does NOT move is its session: each broker keeps its own
  sessions, so a durable session on the dead broker is not found on the next one (the client
  must subscribe again, and what was queued for it on the dead broker is gone with it).
  Files: brokers/lab16/mesh-alpha.conf, brokers/lab16/mesh-bravo.conf, brokers/lab16/mesh-charlie.conf

  Background:
    Given these brokers run, bridged to each other:
      | broker  | config                  |
      | alpha   | lab16/mesh-alpha.conf   |
      | bravo   | lab16/mesh-bravo.conf   |
      | charlie | lab16/mesh-charlie.conf |

  Rule: The surviving brokers keep delivering, and a client can move to one of them

    @mqtt311
    Scenario: With charlie dead, alpha's messages still reach bravo exactly once
      Given the dispatcher subscribes to "ops/#" with QoS 1 on the bravo broker
      When the charlie broker is killed
      And the sensor publishes "pressure low" to "ops/alpha/pump-4" with QoS 1 on the alpha broker
      Then the dispatcher receives exactly one copy of "pressure low" on "ops/alpha/pump-4"

    @mqtt311
    Scenario: A subscriber of the dead broker moves to another one and keeps receiving
      Given the dispatcher subscribes to "ops/#" with QoS 1 on the charlie broker
      When the charlie broker is killed
      And the dispatcher moves to the bravo broker, subscribing to "ops/#" with QoS 1
      And the sensor publishes "pressure low" to "ops/alpha/pump-4" with QoS 1 on the alpha broker
      Then the dispatcher receives exactly one copy of "pressure low" on "ops/alpha/pump-4"

  Rule: A session does not move with the client

    @mqtt311 @MQTT-3.2.2-3
    Scenario: A durable session on the dead broker is not found on the next one
      Given the dispatcher has a durable session on the charlie broker subscribed to "ops/#" with QoS 1
      When the charlie broker is killed
      And the dispatcher moves to the bravo broker, asking to resume its durable session
      Then the broker reports that it kept no session for the dispatcher
