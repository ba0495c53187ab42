@lab09
Feature: The QoS of a bridge's topic line caps what crosses it
  A bridge forwards a message like any subscriber receives it: at the lower of the QoS it was
  published with and the QoS of the topic line (`topic line1/# out 1 ...`). The hop over the
  bridge is then a QoS 1 (or 0) exchange between the two brokers, and a subscriber on the hub
  can get no more than what crossed: a QoS 2 reading published on the site arrives as QoS 1,
  and a reading on a QoS 0 line arrives as QoS 0 even for a QoS 1 subscriber. Choose the
  line's QoS for what the data is worth on the way to the hub.
  Files: brokers/lab09/leaf.conf

  Background:
    Given the hub runs "lab09/hub.conf"
    And the leaf runs "lab09/leaf.conf", bridged to the hub

  Rule: A message crosses at most at the QoS of its topic line

    @mqtt311 @MQTT-3.8.4-6
    Scenario: A QoS 2 reading crosses a QoS 1 line and arrives as QoS 1
      Given the dashboard subscribes to "sites/berlin/line1/#" with QoS 2 on the hub
      When the thermometer publishes "21.5" to "factory/line1/temp" with QoS 2 on the leaf
      Then the dashboard receives "21.5" on "sites/berlin/line1/temp" at QoS 1

    @mqtt311
    Scenario: A QoS 1 reading on a QoS 0 line arrives as QoS 0
      Given the dashboard subscribes to "sites/berlin/energy/#" with QoS 1 on the hub
      When the meter publishes "3.2 kW" to "factory/energy/hall" with QoS 1 on the leaf
      Then the dashboard receives "3.2 kW" on "sites/berlin/energy/hall" at QoS 0
