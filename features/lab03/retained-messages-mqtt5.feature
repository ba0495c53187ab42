@lab03 @mqtt5
Feature: An MQTT 5 broker keeps retained messages by the same rules
  MQTT 5 kept the rules of retained messages that retained-messages.feature shows for MQTT 3.1.1,
  and numbered them anew (spec 3.3.1.3): a retained message replaces the one before it, an empty
  one removes it and is not kept itself, and a message without the retain flag leaves the kept
  one alone. What MQTT 5 adds (Retain Handling, Retain As Published, expiry) is in lab 10 and
  lab 7. Files: brokers/lab03/mosquitto.conf

  Background:
    Given a broker running "lab03/mosquitto.conf"
    And the thermostat and the dashboard are connected with MQTT 5

  Rule: The broker keeps one retained message per topic, until an empty one removes it

    @MQTT-3.3.1-5
    Scenario: An MQTT 5 subscriber who comes later gets only the latest retained value
      Given the thermostat has published the retained value "21.5" to "home/living/temperature"
      And the thermostat has published the retained value "22.0" to "home/living/temperature"
      When the dashboard subscribes to "home/living/temperature"
      Then the dashboard receives "22.0" on "home/living/temperature" flagged as retained
      And the dashboard receives exactly 1 message on "home/living/temperature"

    @MQTT-3.3.1-6 @MQTT-3.3.1-7
    Scenario: An empty retained message from an MQTT 5 client clears the retained value
      Given the thermostat has published the retained value "21.5" to "home/living/temperature"
      When the thermostat clears the retained value of "home/living/temperature"
      And the dashboard subscribes to "home/living/temperature"
      Then the dashboard receives nothing on "home/living/temperature"

    @MQTT-3.3.1-8
    Scenario: An empty MQTT 5 message without the retain flag leaves the retained value alone
      Given the thermostat has published the retained value "21.5" to "home/living/temperature"
      When the thermostat publishes an empty message to "home/living/temperature"
      And the dashboard subscribes to "home/living/temperature"
      Then the dashboard receives "21.5" on "home/living/temperature" flagged as retained
