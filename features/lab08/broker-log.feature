@lab08
Feature: The broker's log, on stderr and on a topic
  The log is where Mosquitto says what it refused and why: a client that gave a wrong
  password, a publish the ACL denied. `log_type` chooses the levels (error, warning, notice,
  information, subscribe, debug, all), `log_dest` where they go: `stderr` is what
  `docker logs` shows, `topic` makes the broker publish each line on
  `$SYS/broker/log/<level>` (E, W, N, I, M), so a monitoring client can follow it without
  access to the machine. Debug lines never go to the log topic, whatever `log_type` says,
  and the ACL's "Denied PUBLISH" is a debug line. Log wording can change between versions:
  match loosely.
  Files: brokers/lab08/managed.conf

  Background:
    Given a broker running "lab08/managed.conf" with a password file made from "lab08/users.txt"
    And the operator is logged in and subscribed to "$SYS/broker/log/#"

  Rule: log_dest topic publishes the broker's log, except its debug lines

    Scenario: A refused login appears on the notice log topic
      When the thermostat connects with a wrong password using MQTT 3.1.1
      Then the operator receives a broker log line on "$SYS/broker/log/N" saying "not authorised"

    Scenario: A denied publish is only in the debug log, which never reaches the log topic
      Given the thermostat is logged in with MQTT 5
      When the thermostat tries to publish "on" to "home/living/lights" with QoS 1
      Then the broker's own log shows "Denied PUBLISH" for "home/living/lights"
      And the operator receives no broker log line about "home/living/lights"
