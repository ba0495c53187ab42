@lab09
Feature: The bridge reports its own health, and reconnects by itself
  Mosquitto publishes a bridge's state as a retained message on
  `$SYS/broker/connection/<remote client id>/state`: 1 when the bridge is connected, 0 when
  it lost the remote broker. The leaf publishes it locally; on the hub the bridge sets it when
  it connects and leaves 0 as its will, so the hub learns when a site drops off without a
  goodbye. A killed hub closes its sockets and the leaf notices at once; a hub that hangs
  (frozen process, unplugged cable) answers nothing, and the leaf notices only when the hub
  misses its keepalive (`keepalive_interval 5`, the lowest a bridge accepts: measured 9.0-10.0 s
  on 2.0.21 in 23 runs; the step allows 7 to 12 s, so a drop at once for another reason fails). After a loss the bridge retries after
  `restart_timeout` (1 s, backing off to 2 s here; the 2.0 default starts at 5 s and backs off
  to 30 s).
  Files: brokers/lab09/leaf.conf, brokers/lab09/hub.conf

  Background:
    Given the hub runs "lab09/hub.conf"
    And the leaf runs "lab09/leaf.conf", bridged to the hub

  Rule: The state topic reads 1 while the bridge is up and 0 once it lost the hub

    @mqtt311
    Scenario: Both brokers report the bridge as connected
      Then the leaf reports its bridge to the hub as connected
      And the hub reports the bridge from the leaf as connected

    @mqtt311
    Scenario: A killed hub is reported as down at once
      When the hub is killed
      Then the leaf reports its bridge to the hub as down within 1 second

    @mqtt311 @mosquitto>=2.0.15
    Scenario: A hub that hangs is reported as down after its missed keepalive
      When the hub freezes
      Then the leaf reports its bridge to the hub as down after 7 to 12 seconds

    @mqtt311
    Scenario: The hub learns from the bridge's will that the site dropped off
      When the leaf is killed
      Then the hub learns within 1 second that the bridge from the leaf is gone

  Rule: restart_timeout bounds how soon the bridge is back after the hub returns

    @mqtt311
    Scenario: After a hub crash, messages flow again within seconds of its return
      Given the hub is killed
      When the hub is started again
      Then messages flow from the leaf to the hub again within 3 seconds of its return

    @mqtt311 @mosquitto>=2.0.15
    Scenario: After a hang, messages flow again once the hub thaws
      Given the hub freezes
      And the leaf reports its bridge to the hub as down within 12 seconds
      When the hub thaws
      Then messages flow from the leaf to the hub again within 5 seconds of its return
