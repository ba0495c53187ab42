@lab08
Feature: The $SYS tree tells an operator how the broker is doing
  Mosquitto publishes its own statistics as retained messages under `$SYS/broker/...`: its
  version, its uptime, how many clients are connected, how many subscriptions exist, how many
  messages came in and went out. `sys_interval` sets how often: every update republishes only
  the values that changed (the version once, the uptime every time). This broker has
  `sys_interval 1`, and Mosquitto 2.0 updates once MORE than that has passed: every 2 seconds,
  which is why the steps allow 3. A subscriber first gets
  the retained values of the last update, so a monitoring tool compares values over time and
  never trusts an absolute number (it counts the monitor's own connection and subscriptions).
  `#` does not match `$SYS`, so subscribe to `$SYS/#` explicitly, and give the operator a
  `topic read $SYS/#` line in the ACL.
  Files: brokers/lab08/managed.conf (sys_interval 1), brokers/lab08/acl

  Background:
    Given a broker running "lab08/managed.conf" with a password file made from "lab08/users.txt"
    And the operator is logged in

  Rule: The version is published once, the uptime on every update

    Scenario: The operator reads the version once and sees the uptime count up
      When the operator subscribes to "$SYS/broker/version"
      And the operator subscribes to "$SYS/broker/uptime"
      Then the operator learns the broker's version from "$SYS/broker/version"
      And the operator sees "$SYS/broker/uptime" count up within 3 seconds
      And the operator receives exactly 1 message on "$SYS/broker/version"

  Rule: The counters follow the traffic, so a monitor asserts on how much they change

    Scenario: Clients, subscriptions and received messages show up in the counters
      Given the operator watches "$SYS/broker/#"
      When the dashboard is logged in and subscribed to "home/#"
      And the thermostat is logged in
      And the thermostat publishes "21.5" to "home/living/temperature" with QoS 1
      Then within 3 seconds the operator sees these $SYS counters rise:
        | $SYS/broker/clients/connected         | 2 |
        | $SYS/broker/subscriptions/count       | 1 |
        | $SYS/broker/publish/messages/received | 1 |
