@lab09
Feature: Prefixes map the leaf's topic tree into the hub's
  Every site calls its tree `factory/...`; on the hub, the sites must not collide. The last two
  fields of a `topic` line do the mapping: `topic line1/# out 1 factory/ sites/berlin/` matches
  `line1/#` under the local prefix `factory/`; on the way out the bridge strips `factory/` and
  adds `sites/berlin/`, so `factory/line1/temp` arrives on the hub as `sites/berlin/line1/temp`.
  An `in` line does the same backwards: `sites/berlin/commands/...` on the hub arrives on the
  leaf as `factory/commands/...`. A leaf topic that does not start with the local prefix is
  not matched at all, and on the hub only the own site's branch comes in.
  Files: brokers/lab09/leaf.conf, brokers/lab09/hub.conf

  Background:
    Given the hub runs "lab09/hub.conf"
    And the leaf runs "lab09/leaf.conf", bridged to the hub

  Rule: out strips the local prefix and adds the remote prefix

    @mqtt311
    Scenario: The reading arrives on the hub under the site's branch only
      Given the dashboard subscribes to "#" on the hub
      When the thermometer publishes "21.5" to "factory/line1/temp" with QoS 1 on the leaf
      Then the dashboard receives "21.5" on "sites/berlin/line1/temp"
      And no message crosses to the dashboard on "factory/line1/temp"

    @mqtt311
    Scenario: A leaf topic outside the local prefix is not forwarded
      Given the dashboard subscribes to "#" on the hub
      When the thermometer publishes "21.5" to "line1/temp" with QoS 1 on the leaf
      Then nothing crosses to the dashboard
      # The control: the same reading under the local prefix does cross.
      When the thermometer publishes "21.6" to "factory/line1/temp" with QoS 1 on the leaf
      Then the dashboard receives "21.6" on "sites/berlin/line1/temp"

  Rule: in strips the remote prefix and adds the local prefix

    @mqtt311
    Scenario: A command for the site arrives on the leaf under the local prefix
      Given the line controller subscribes to "#" on the leaf
      When the operator publishes "stop" to "sites/berlin/commands/line1" with QoS 1 on the hub
      Then the line controller receives "stop" on "factory/commands/line1"
      And no message crosses to the line controller on "sites/berlin/commands/line1"

    @mqtt311
    Scenario: A command for another site stays on the hub
      Given the line controller subscribes to "factory/commands/#" on the leaf
      When the operator publishes "stop" to "sites/paris/commands/line1" with QoS 1 on the hub
      Then no message crosses to the line controller on "factory/commands/line1"
      # The control: the same command for the own site does cross.
      When the operator publishes "start" to "sites/berlin/commands/line1" with QoS 1 on the hub
      Then the line controller receives "start" on "factory/commands/line1"
