@lab10
Feature: MQTT 5 retain options decide what a state store sees
  MQTT 5 gives each subscription two retain options (spec 3.8.3.1). Retain Handling: 0 sends
  the retained messages on every SUBSCRIBE, 1 only when the subscription is new, 2 never.
  Retain As Published: off, the broker clears the retain flag on live deliveries (only
  the snapshot is flagged); on, a live delivery keeps the flag its publisher set. A state store
  wants Retain Handling 0 (it must get the snapshot each time it loads) and Retain As Published
  on (it can then tell a state change from a stray event published without the flag).
  Files: brokers/lab10/state.conf

  Background:
    Given a broker running "lab10/state.conf"
    And the configurator has published the retained value "1200" to "config/pump-1/speed"

  Rule: Retain Handling says which subscribes get the retained messages

    @mqtt5 @MQTT-3.3.1-9 @MQTT-3.3.1-10 @MQTT-3.3.1-11
    Scenario Outline: Retain Handling <retain handling>: <first> on subscribing, <again> on subscribing again
      When the dashboard subscribes to "config/#" with retain handling <retain handling>
      And the dashboard subscribes to "config/#" again with retain handling <retain handling>
      Then the dashboard has received <copies> retained copies of "1200" on "config/pump-1/speed"

      Examples:
        | retain handling | first | again | copies |
        | 0               | sent  | sent  | 2      |
        | 1               | sent  | none  | 1      |
        | 2               | none  | none  | 0      |

  Rule: Retain As Published keeps the publisher's retain flag on live deliveries

    @mqtt5 @MQTT-3.3.1-12 @MQTT-3.3.1-13
    Scenario Outline: With Retain As Published <rap>, a live retained update arrives with retain flag <flag>
      Given the dashboard subscribes to "config/#" with retain as published <rap>
      When the configurator publishes the retained value "1500" to "config/pump-1/speed"
      Then the dashboard receives "1500" on "config/pump-1/speed" with the retain flag <flag>

      Examples:
        | rap | flag |
        | on  | 1    |
        | off | 0    |
