@lab12
Feature: Edge brokers aggregate their sites on one cloud broker
  Each site runs an edge broker; the devices talk to it and keep working when the uplink is
  down. Each edge bridges its `telemetry/#` to the cloud under its own site prefix
  (`sites/hamburg/...`, `sites/munich/...`), so one cloud subscription `sites/+/telemetry/#`
  sees every site and still knows where a reading came from. On the cloud, a group of workers
  shares that stream (`$share/<group>/<filter>`: shared subscriptions are MQTT 5, section
  4.8.2; these workers speak MQTT 3.1.1, which Mosquitto allows as an extension): each reading goes to
  ONE worker of the group, while a plain subscriber such as the archive gets every reading.
  Files: brokers/lab12/cloud.conf, brokers/lab12/edge-hamburg.conf, brokers/lab12/edge-munich.conf

  Background:
    Given the cloud runs "lab12/cloud.conf"
    And the hamburg broker runs "lab12/edge-hamburg.conf", bridged to the cloud
    And the munich broker runs "lab12/edge-munich.conf", bridged to the cloud

  Rule: Each site's readings reach the cloud under that site's prefix

    @mqtt311
    Scenario: The archive gets the readings of both sites, each under its site
      Given the archive subscribes to "sites/+/telemetry/#" with QoS 1 on the cloud
      When the press publishes "71" to "telemetry/press-1/temp" with QoS 1 on the hamburg broker
      And the oven publishes "180" to "telemetry/oven-2/temp" with QoS 1 on the munich broker
      Then the archive receives "71" on "sites/hamburg/telemetry/press-1/temp"
      And the archive receives "180" on "sites/munich/telemetry/oven-2/temp"

    @mqtt311
    Scenario: A reading from Hamburg never appears under Munich's branch
      Given the munich dashboard subscribes to "sites/munich/#" with QoS 1 on the cloud
      When the press publishes "71" to "telemetry/press-1/temp" with QoS 1 on the hamburg broker
      Then nothing crosses to the munich dashboard
      # The control: Munich's own reading does reach the same dashboard.
      When the oven publishes "180" to "telemetry/oven-2/temp" with QoS 1 on the munich broker
      Then the munich dashboard receives "180" on "sites/munich/telemetry/oven-2/temp"

  Rule: A shared subscription hands each reading to one worker of the group

    @mqtt311
    Scenario: Two workers in one group process each reading exactly once between them
      Given the first worker and the second worker share "sites/+/telemetry/#" in the group "processors" on the cloud
      And the archive subscribes to "sites/+/telemetry/#" with QoS 1 on the cloud
      When the press publishes readings 1 to 6 to "telemetry/press-1/temp" with QoS 1 on the hamburg broker
      Then the first worker and the second worker together received readings 1 to 6, each exactly once, dealt to them in turn
      And the archive received readings 1 to 6, each exactly once

    @mqtt311
    Scenario: Two workers that subscribe without a shared group both process every reading
      Given the first worker subscribes to "sites/+/telemetry/#" with QoS 1 on the cloud
      And the second worker subscribes to "sites/+/telemetry/#" with QoS 1 on the cloud
      When the press publishes readings 1 to 4 to "telemetry/press-1/temp" with QoS 1 on the hamburg broker
      Then both the first worker and the second worker received readings 1 to 4, each exactly once
