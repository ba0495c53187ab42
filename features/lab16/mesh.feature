@lab16
Feature: A loop-free bridge mesh delivers every message exactly once on every broker
  Three brokers (alpha, bravo, charlie) are joined by bridges so that a client may use any of
  them: what is published on one reaches the subscribers of all three. The mesh is loop-free by
  design: every topic carries its origin (`ops/<broker>/...`), and each bridge forwards only the
  origin branches of the two brokers it joins, so a message makes exactly one hop to each other
  broker and is never forwarded again. The proof counts copies only after a barrier that runs
  probes across every bridge, hop after hop: a duplicate still on its way would be seen. The
  mesh files set `try_private false`, so the topic lines alone keep it loop-free: a `both` where
  `out` belongs sends a message back, and the next broker gets it twice.
  Files: brokers/lab16/mesh-alpha.conf, brokers/lab16/mesh-bravo.conf, brokers/lab16/mesh-charlie.conf

  Background:
    Given these brokers run, bridged to each other:
      | broker  | config                  |
      | alpha   | lab16/mesh-alpha.conf   |
      | bravo   | lab16/mesh-bravo.conf   |
      | charlie | lab16/mesh-charlie.conf |

  Rule: A message published on any broker reaches a subscriber on any other exactly once

    @mqtt311
    Scenario Outline: From <origin> to <other>: exactly one copy
      Given the dispatcher subscribes to "ops/#" with QoS 1 on the <other> broker
      When the sensor publishes "pressure low" to "ops/<origin>/pump-4" with QoS 1 on the <origin> broker
      Then the dispatcher receives exactly one copy of "pressure low" on "ops/<origin>/pump-4"

      Examples:
        | origin  | other   |
        | alpha   | bravo   |
        | alpha   | charlie |
        | bravo   | alpha   |
        | charlie | bravo   |

  Rule: Nothing comes back to the broker it was published on

    @mqtt311
    Scenario: A subscriber on the origin broker gets its own broker's message once, not an echo
      Given the local display subscribes to "ops/#" with QoS 1 on the alpha broker
      When the sensor publishes "pressure low" to "ops/alpha/pump-4" with QoS 1 on the alpha broker
      Then the local display receives exactly one copy of "pressure low" on "ops/alpha/pump-4"

    @mqtt311
    Scenario: A topic outside every origin branch stays on its broker
      Given the dispatcher subscribes to "#" with QoS 1 on the bravo broker
      When the sensor publishes "pressure low" to "pumps/pump-4" with QoS 1 on the alpha broker
      Then nothing crosses to the dispatcher
      # The control: the same message under alpha's origin branch does cross to bravo.
      When the sensor publishes "pressure low" to "ops/alpha/pump-4" with QoS 1 on the alpha broker
      Then the dispatcher receives "pressure low" on "ops/alpha/pump-4"
