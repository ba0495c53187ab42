@lab07 @mqtt5
Feature: Shared subscriptions split a stream of messages over a group of workers
  With a normal subscription every subscriber gets its own copy of each message. A pool of
  workers wants the opposite: each job done once, by whichever worker gets it. MQTT 5 shared
  subscriptions do that with a topic filter of the form `$share/<group>/<filter>`: the
  broker hands each message to ONE member of the group (Mosquitto 2.0 deals them out in
  turn). Other groups, and plain subscribers, still get every message. A member that leaves
  stops getting a share, and the others carry all of it: scaling workers up and down needs
  no coordination. Mosquitto 2.0 has no option to switch this off; nothing in the config.
  MQTT 5 spec section 4.8.2. Files: brokers/lab07/mqtt5.conf, labs/lab07/shared-subscription.ts

  Background:
    Given a broker running "lab07/mqtt5.conf"

  Rule: Members of one group split the messages; everyone else gets them all

    Scenario: Two cooks in one group share six orders, each order cooked once
      Given the first cook and the second cook share "orders/#" in the group "kitchen"
      When the waiter publishes orders 1 to 6 to "orders/table-4" with QoS 1
      Then orders 1 to 6 on "orders/table-4" were dealt to the first cook and the second cook in turn, each order going to one of them

    Scenario: Another group and a plain subscriber still get every order
      Given the first cook and the second cook share "orders/#" in the group "kitchen"
      And the cashier shares "orders/#" in the group "billing"
      And the order log subscribes to "orders/#" with QoS 1
      When the waiter publishes orders 1 to 6 to "orders/table-4" with QoS 1
      Then the cashier receives orders 1 to 6 on "orders/table-4", each exactly once
      And the order log receives orders 1 to 6 on "orders/table-4", each exactly once

  Rule: A member that leaves hands its share to the members that stay

    Scenario: After one cook's connection drops, the other cook gets every order
      Given the first cook and the second cook share "orders/#" in the group "kitchen"
      When the second cook's connection drops
      And the waiter publishes orders 1 to 6 to "orders/table-4" with QoS 1
      Then the first cook receives orders 1 to 6 on "orders/table-4", each exactly once

    Scenario: After one cook unsubscribes, the other cook gets every order
      Given the first cook and the second cook share "orders/#" in the group "kitchen"
      When the second cook unsubscribes from "$share/kitchen/orders/#"
      And the waiter publishes orders 1 to 6 to "orders/table-4" with QoS 1
      Then the first cook receives orders 1 to 6 on "orders/table-4", each exactly once
      And the second cook receives nothing on "orders/table-4"

  Rule: Joining a group brings no retained message (Mosquitto 2.0.13 and later)

    @mosquitto>=2.0.13
    Scenario: A cook who joins gets no retained order, a plain subscriber does
      Given the waiter has published the retained value "order 0" to "orders/table-4"
      When the first cook shares "orders/#" in the group "kitchen"
      And the order log subscribes to "orders/#" with QoS 1
      Then the order log receives "order 0" on "orders/table-4" flagged as retained
      And the first cook receives nothing on "orders/table-4"

    # Debian 12's Mosquitto 2.0.11: every member that joins gets the retained message again.
    @mosquitto<2.0.13
    Scenario: Before Mosquitto 2.0.13, a cook who joins gets the retained order too
      Given the waiter has published the retained value "order 0" to "orders/table-4"
      When the first cook shares "orders/#" in the group "kitchen"
      Then the first cook receives "order 0" on "orders/table-4" flagged as retained

  Rule: A member of a group gets a message at no more than the QoS it was granted

    @MQTT-4.8.2-3
    Scenario: A cook who shares at QoS 0 gets a QoS 1 order at QoS 0
      Given the first cook shares "orders/#" in the group "kitchen" at QoS 0
      When the waiter publishes "order 1" to "orders/table-4" with QoS 1
      Then the first cook receives exactly one copy of "order 1" on "orders/table-4", at QoS 0
