@lab09
Feature: A cut network is found only by keepalive, and nothing is lost across it
  More often than a hub crashes, the network between a site and the hub fails: a router
  reboots, a VPN drops, a cable is pulled. Both brokers keep running and keep their own
  clients, and nothing closes the TCP connection of the bridge: on each end it stays open, and
  what goes into it arrives nowhere. So each end must notice the silence by itself, through
  keepalive: the leaf when the hub does not answer its PINGREQ (`keepalive_interval 5`: 9.0-9.9 s
  measured in 19 runs; the step allows 7 to 12 s), the hub when the bridge has sent nothing for
  1.5 x its keepalive (measured 7.12-7.62 s in 10 runs: Mosquitto counts in whole seconds; the
  step allows 5 to 10 s; the hub then publishes the bridge's will, state 0). QoS 1 readings published after
  the cut went into the dead connection; the durable bridge session (`cleansession false`)
  keeps them as unacknowledged, and the leaf sends them again once it reconnects.
  Here the leaf is taken off the scenario's Docker network, as a pulled cable would do; its
  own clients, and the hub's, stay connected.
  Files: brokers/lab09/leaf.conf, brokers/lab09/hub.conf

  Background:
    Given the hub runs "lab09/hub.conf"
    And the leaf runs "lab09/leaf.conf", bridged to the hub

  Rule: Each end notices a cut only when the other misses its keepalive

    @mqtt311 @mosquitto>=2.0.15
    Scenario: The leaf notices the cut when the hub stops answering its pings
      When the network between the leaf and the hub is cut
      Then the leaf reports its bridge to the hub as down after 7 to 12 seconds

    @mqtt311 @mosquitto>=2.0.21
    Scenario: The hub notices the cut when the bridge falls silent, and publishes its will
      When the network between the leaf and the hub is cut
      Then the hub learns after 5 to 10 seconds that the bridge from the leaf is gone

    # Before 2.0.21 Mosquitto looked at keepalives only every 6 seconds (Debian 12's 2.0.11 does).
    @mqtt311 @mosquitto<2.0.21
    Scenario: Before Mosquitto 2.0.21, the hub notices the cut up to 6 seconds later
      When the network between the leaf and the hub is cut
      Then the hub learns after 5 to 16 seconds that the bridge from the leaf is gone

  Rule: QoS 1 readings sent into the cut arrive once the network is back

    @mqtt311 @mosquitto>=2.0.15
    Scenario: Readings published after the cut reach the dashboard once the network is restored
      Given the dashboard subscribes to "sites/berlin/line1/#" with QoS 1 on the hub
      When the network between the leaf and the hub is cut
      And the thermometer publishes readings 1 to 3 to "factory/line1/temp" with QoS 1 on the leaf
      And the leaf reports its bridge to the hub as down within 12 seconds
      And the network between the leaf and the hub is restored
      Then messages flow from the leaf to the hub again within 5 seconds of its return
      And the dashboard receives readings 1 to 3 on "sites/berlin/line1/temp", each exactly once and in order
