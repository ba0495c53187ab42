@lab16
Feature: Loop prevention: try_private, No Local, and topologies that loop anyway
  A bridge that carries a topic `both` ways subscribes to it on the remote broker, and so is
  itself a subscriber of what it publishes there. Mosquitto's `try_private true` (the default)
  marks the bridge's CONNECT as a bridge's, and a Mosquitto remote then sends it nothing that
  it published itself; an MQTT 5 bridge (`bridge_protocol_version mqttv50`) gets the same from
  No Local on its subscriptions (spec 3.8.3.1). With neither, every message comes back once:
  an echo. Both only protect the link a message came in on: in a ring of three that forwards
  `both`, there is always another way round, and one publish keeps circling (the scenario
  below counts at least 10 copies of one alert within 3 s).
  Files: brokers/lab16/pair-*.conf, brokers/lab16/peer.conf, brokers/lab16/ring-*.conf, brokers/lab16/mesh-*.conf

  Rule: On one link, try_private or No Local stop the echo

    @mqtt311
    Scenario Outline: <bridge>: the local subscriber gets <how many> of its broker's message
      Given the bravo broker runs "lab16/peer.conf"
      And the alpha broker runs "lab16/<config>", bridged to the bravo broker
      And the local display subscribes to "chat/#" with QoS 1 on the alpha broker
      When the technician publishes "pump 3 ok" to "chat/maintenance" with QoS 1 on the alpha broker
      Then the local display receives <copies> copies of "pump 3 ok" on "chat/maintenance"

      Examples:
        | bridge                           | config                   | copies | how many            |
        | try_private true                 | pair-try-private.conf    | 1      | one copy            |
        | try_private false                | pair-no-try-private.conf | 2      | two copies, an echo |
        | MQTT 5 bridge, try_private false | pair-mqtt5-no-local.conf | 1      | one copy            |

  Rule: A ring that forwards both ways loops; origin branches forwarded one way do not

    @mqtt311
    Scenario: One alert published into a looping ring arrives again and again
      Given these brokers run, bridged to each other:
        | broker  | config                  |
        | alpha   | lab16/ring-alpha.conf   |
        | bravo   | lab16/ring-bravo.conf   |
        | charlie | lab16/ring-charlie.conf |
      And the dispatcher subscribes to "alerts/#" with QoS 1 on the bravo broker
      When the sensor publishes "fire in hall 2" to "alerts/hall-2" with QoS 1 on the alpha broker
      Then the dispatcher receives at least 10 copies of "fire in hall 2" on "alerts/hall-2" within 3 seconds

    @mqtt311
    Scenario: In the loop-free mesh every broker's subscriber gets the alert once
      Given these brokers run, bridged to each other:
        | broker  | config                  |
        | alpha   | lab16/mesh-alpha.conf   |
        | bravo   | lab16/mesh-bravo.conf   |
        | charlie | lab16/mesh-charlie.conf |
      And the dispatcher subscribes to "ops/#" with QoS 1 on the bravo broker
      When the sensor publishes "fire in hall 2" to "ops/alpha/hall-2" with QoS 1 on the alpha broker
      Then the dispatcher receives exactly one copy of "fire in hall 2" on "ops/alpha/hall-2"
