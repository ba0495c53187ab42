@lab07 @mqtt5
Feature: Subscription options and identifiers shape what a subscriber gets
  An MQTT 5 SUBSCRIBE carries options per topic filter (spec 3.8.3.1). No Local: a client does
  not get back the messages it published itself, which a device that both reports and follows
  its own state topic wants (a thermostat that publishes its setpoint and listens on the same
  topic for changes made by the app), and so does a bridge, which would otherwise send each
  message back where it came from (lab 16). Retain As Published and Retain Handling decide
  what happens to retained messages; lab 10 (retain-options.feature) proves all three values
  of Retain Handling and both of Retain As Published.
  A Subscription Identifier is a number the subscriber gives a subscription; the broker sends
  it back in every PUBLISH the subscription causes, retained ones included, so the subscriber
  can dispatch on the number instead of matching topics against its filters again. Subscribing
  to the same filter again replaces the subscription, and its identifier with it.
  MQTT 5 spec sections 3.8.3.1, 3.8.2.1.2, 3.3.4. Files: brokers/lab07/mqtt5.conf

  Background:
    Given a broker running "lab07/mqtt5.conf"

  Rule: With No Local, the broker does not send a client its own messages

    @MQTT-3.8.3-3
    Scenario Outline: With No Local <no local>, the thermostat <gets> its own setpoint back; the app gets it anyway
      Given the thermostat subscribes to "home/thermostat/setpoint" with No Local <no local>
      And the app subscribes to "home/thermostat/setpoint" with No Local <no local>
      When the thermostat publishes "21.0" to "home/thermostat/setpoint" with QoS 1
      Then the app receives "21.0" on "home/thermostat/setpoint"
      And the thermostat <outcome> "21.0" on "home/thermostat/setpoint"

      Examples:
        | no local | gets         | outcome          |
        | on       | does not get | does not receive |
        | off      | gets         | receives         |

  Rule: Each delivery carries the identifier of the subscription it came through

    @MQTT-3.3.4-3
    Scenario: The retained value and the live update both carry the subscription's identifier
      Given the thermostat has published the retained value "21.5" to "home/living/temperature"
      When the dashboard subscribes to "home/living/#" with subscription identifier 7
      And the thermostat publishes "22.0" to "home/living/temperature" with QoS 1
      Then the dashboard receives "21.5" and "22.0" on "home/living/temperature", each once and tagged with subscription identifier 7 only

    @MQTT-3.8.4-3
    Scenario: Subscribing to the same filter again with another identifier replaces the old one
      Given the dashboard subscribes to "home/living/#" with subscription identifier 7
      When the dashboard subscribes to "home/living/#" with subscription identifier 8
      And the thermostat publishes "22.0" to "home/living/temperature" with QoS 1
      Then the dashboard receives "22.0" on "home/living/temperature" once, tagged with subscription identifier 8 only
