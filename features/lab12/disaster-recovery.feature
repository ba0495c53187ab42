@lab12
Feature: An edge fails over to a secondary cloud broker, and comes back to the primary
  A bridge may list several addresses (`address primary:1883 secondary:1883`). It connects to
  the first; when that one goes away it tries the next, so the site keeps delivering to the
  disaster-recovery broker. With `round_robin false` the first address is the primary: while
  on the secondary, the bridge keeps trying the primary and moves back once it answers (measured
  4.6-8.1 s after the primary's return on 2.0.21: the summary lists the runs; the scenario
  bounds it between 3 and 10 s). With `round_robin true`
  the addresses are equals and the bridge stays where it is. Each switch takes a reconnect:
  `restart_timeout 1 2` keeps it short.
  Files: brokers/lab12/edge-failover.conf, brokers/lab12/edge-round-robin.conf, brokers/lab12/cloud.conf

  Background:
    Given the primary runs "lab12/cloud.conf"
    And the secondary runs "lab12/cloud.conf"

  Rule: When the primary dies the bridge moves to the secondary

    @mqtt311
    Scenario: The edge delivers to the secondary within seconds of the primary's death
      Given the hamburg broker runs "lab12/edge-failover.conf", bridged to the primary
      When the primary is killed
      Then messages flow from the hamburg broker to the secondary 0.5 to 3 seconds after the primary goes down

    @mqtt311
    Scenario: While the primary is up, nothing goes to the secondary
      Given the hamburg broker runs "lab12/edge-failover.conf", bridged to the primary
      And the standby archive subscribes to "sites/#" with QoS 1 on the secondary
      And the archive subscribes to "sites/#" with QoS 1 on the primary
      When the press publishes "71" to "telemetry/press-1/temp" with QoS 1 on the hamburg broker
      Then the archive receives "71" on "sites/hamburg/telemetry/press-1/temp"
      And no message crosses to the standby archive on "sites/hamburg/telemetry/press-1/temp"

  Rule: round_robin false returns to the primary, round_robin true stays

    @mqtt311
    Scenario: With round_robin false the edge returns to the primary once it is back
      Given the hamburg broker runs "lab12/edge-failover.conf", bridged to the primary
      And the primary is killed
      And messages flow from the hamburg broker to the secondary within 3 seconds of the primary going down
      When the primary is started again
      Then messages flow from the hamburg broker to the primary again 3 to 10 seconds after its return

    @mqtt311
    Scenario: With round_robin true the edge stays on the secondary
      Given the hamburg broker runs "lab12/edge-round-robin.conf", bridged to the primary
      And the primary is killed
      And messages flow from the hamburg broker to the secondary within 3 seconds of the primary going down
      When the primary is started again
      Then messages still flow from the hamburg broker to the secondary 10 seconds after the primary is back
