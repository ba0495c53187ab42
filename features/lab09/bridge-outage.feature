@lab09
Feature: A durable bridge session loses nothing across a hub outage
  The uplink of a site goes down for minutes every week. With `cleansession false` the bridge
  has a durable session on both ends: the leaf queues the QoS 1 messages meant for the hub
  while the hub is away, and delivers them, in order, once the bridge is back. The hub, with
  persistence, keeps the dashboard's own durable session across its restart. QoS 0 messages
  are not queued for a disconnected bridge: they are lost, by design. (With `cleansession true`
  Mosquitto 2.0.21 usually dropped the QoS 1 readings of the outage too, but not always: in one
  run of five it delivered them. Neither is a guarantee; use `cleansession false`.)
  Files: brokers/lab09/leaf.conf, brokers/lab09/hub.conf

  Background:
    Given the hub runs "lab09/hub.conf"

  Rule: QoS 1 messages published during the outage arrive after it; QoS 0 ones do not

    @mqtt311
    Scenario: Readings published while the hub is down arrive on the hub after it returns
      Given the leaf runs "lab09/leaf.conf", bridged to the hub
      And the dashboard has a durable session on the hub subscribed to "sites/berlin/line1/#" with QoS 1
      When the thermometer publishes readings 1 to 3 to "factory/line1/temp" with QoS 1 on the leaf while the hub is down
      Then once the bridge is back, the dashboard receives readings 1 to 3 on "sites/berlin/line1/temp", each exactly once and in order

    @mqtt311
    Scenario: QoS 0 readings published while the hub is down are lost
      Given the leaf runs "lab09/leaf.conf", bridged to the hub
      And the dashboard has a durable session on the hub subscribed to "sites/berlin/line1/#" with QoS 1
      When the thermometer publishes readings 1 to 3 to "factory/line1/temp" with QoS 0 on the leaf while the hub is down
      Then once the bridge is back, no message crosses to the dashboard on "sites/berlin/line1/temp"
      # The control: the same path carries a QoS 0 reading once the hub is back.
      When the thermometer publishes "reading 4" to "factory/line1/temp" on the leaf
      Then the dashboard receives "reading 4" on "sites/berlin/line1/temp"
