@lab09
Feature: A bridge carries only the topics it names, in the direction it names
  A bridge is a client that one broker (the leaf, on a factory site) opens to another (the hub,
  in the data centre). Each `topic` line of the leaf's `connection` block names a pattern and a
  direction, seen from the leaf: `out` publishes matching leaf messages to the hub, `in`
  subscribes on the hub and publishes what arrives on the leaf, `both` does the two. A topic
  that no line names stays on its broker. Getting the direction backwards is the classic first
  mistake: the bridge connects, its state topic says 1, and nothing arrives.
  Files: brokers/lab09/leaf.conf, brokers/lab09/hub.conf

  Background:
    Given the hub runs "lab09/hub.conf"
    And the leaf runs "lab09/leaf.conf", bridged to the hub

  Rule: out carries the leaf's messages to the hub, and not the hub's to the leaf

    @mqtt311
    Scenario: A reading published on the leaf reaches the dashboard on the hub
      Given the dashboard subscribes to "sites/berlin/line1/#" on the hub
      When the thermometer publishes "21.5" to "factory/line1/temp" with QoS 1 on the leaf
      Then the dashboard receives "21.5" on "sites/berlin/line1/temp"

    @mqtt311
    Scenario: A message published on the hub under an out-only topic stays on the hub
      Given the line controller subscribes to "factory/line1/#" on the leaf
      And the dashboard subscribes to "sites/berlin/line1/#" on the hub
      When the historian publishes "21.0" to "sites/berlin/line1/temp" with QoS 1 on the hub
      Then no message crosses to the line controller on "factory/line1/temp"
      # The control: the same topic line does carry the leaf's reading the other way.
      When the thermometer publishes "21.5" to "factory/line1/temp" with QoS 1 on the leaf
      Then the dashboard receives "21.5" on "sites/berlin/line1/temp"

  Rule: in carries the hub's messages to the leaf, and not the leaf's to the hub

    @mqtt311
    Scenario: A command published on the hub reaches the line controller on the leaf
      Given the line controller subscribes to "factory/commands/#" on the leaf
      When the operator publishes "stop" to "sites/berlin/commands/line1" with QoS 1 on the hub
      Then the line controller receives "stop" on "factory/commands/line1"

    @mqtt311
    Scenario: A message published on the leaf under an in-only topic stays on the leaf
      Given the operator subscribes to "sites/berlin/commands/#" on the hub
      And the line controller subscribes to "factory/commands/#" on the leaf
      When the line controller publishes "stopped" to "factory/commands/line1" with QoS 1 on the leaf
      Then no message crosses to the operator on "sites/berlin/commands/line1"
      # The control: the same topic line does carry the hub's command the other way.
      When the supervisor publishes "stop" to "sites/berlin/commands/line1" with QoS 1 on the hub
      Then the line controller receives "stop" on "factory/commands/line1"

  Rule: both carries messages each way

    @mqtt311
    Scenario: The maintenance chat crosses in both directions
      Given the technician subscribes to "factory/maintenance/#" on the leaf
      And the engineer subscribes to "sites/berlin/maintenance/#" on the hub
      When the engineer publishes "check pump 3" to "sites/berlin/maintenance/chat" with QoS 1 on the hub
      And the technician publishes "pump 3 ok" to "factory/maintenance/chat" with QoS 1 on the leaf
      Then the technician receives "check pump 3" on "factory/maintenance/chat"
      And the engineer receives "pump 3 ok" on "sites/berlin/maintenance/chat"

    @mqtt311
    Scenario: A topic that no topic line names never crosses
      Given the dashboard subscribes to "#" on the hub
      When the barista publishes "coffee ready" to "factory/office/coffee" with QoS 1 on the leaf
      Then nothing crosses to the dashboard
      # The control: a topic that a line names does cross to the same dashboard.
      When the thermometer publishes "21.5" to "factory/line1/temp" with QoS 1 on the leaf
      Then the dashboard receives "21.5" on "sites/berlin/line1/temp"
