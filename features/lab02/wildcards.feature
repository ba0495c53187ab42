@lab02 @mqtt311
Feature: Topic wildcards
  A subscription is a topic filter. `+` matches exactly one topic level, `#` matches any number
  of levels, including none: `home/#` matches `home` itself. Wildcards only appear in
  subscriptions, never in the topic a message is published to. MQTT 5 spec section 4.7.
  Files: brokers/lab02/mosquitto.conf

  Background:
    Given a broker running "lab02/mosquitto.conf"

  Rule: "+" matches one level and "#" matches any number of levels

    @MQTT-3.3.2-3
    Scenario Outline: "<filter>" <matches> "<topic>"
      Given the dashboard subscribes to "<filter>"
      When the thermostat publishes "21.5" to "<topic>"
      Then the dashboard <outcome> "21.5" on "<topic>"

      Examples:
        | filter                   | matches            | topic                         | outcome          |
        | home/+/temperature       | matches            | home/living/temperature       | receives         |
        | home/+/temperature       | does not match     | home/living/sofa/temperature  | does not receive |
        | home/#                   | matches            | home/living/sofa/temperature  | receives         |
        | home/#                   | matches the parent | home                          | receives         |
        | home/+                   | does not match     | home                          | does not receive |
        | +/+/temperature          | matches            | home/kitchen/temperature      | receives         |

  Rule: Wildcards at the top level do not match topics that start with "$"

    @MQTT-4.7.2-1
    Scenario: "#" does not see the broker's $SYS topics, "$SYS/#" does
      Given the monitor subscribes to "#"
      And the operator subscribes to "$SYS/#"
      When the thermostat publishes "21.5" to "$lab/secret"
      Then the operator receives messages on topics starting with "$SYS/"
      And the monitor receives no message on a topic starting with "$"
