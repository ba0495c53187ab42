@lab03 @mqtt311
Feature: Retained messages give late subscribers the last known value
  A message published with the retain flag is kept by the broker as the current value of its
  topic, one per topic. A client that subscribes later gets it at once, with the retain flag
  set, so a dashboard that starts up shows the temperature without waiting for the next
  reading. Clients that were already subscribed get the message live, without the flag.
  An empty retained message deletes the value.
  MQTT 5 spec section 3.3.1.3. Files: brokers/lab03/mosquitto.conf (`retain_available`)

  Background:
    Given a broker running "lab03/mosquitto.conf"

  Rule: The retained value goes to subscribers who come later

    @MQTT-3.3.1-6 @MQTT-3.3.1-8
    Scenario: A subscriber who comes later gets the retained value, flagged as retained
      Given the thermostat has published the retained value "21.5" to "home/living/temperature"
      When the dashboard subscribes to "home/living/temperature"
      Then the dashboard receives "21.5" on "home/living/temperature" flagged as retained

    @MQTT-3.3.1-9
    Scenario: A subscriber who is already there gets the update live, not flagged as retained
      Given the dashboard subscribes to "home/living/temperature"
      When the thermostat publishes the retained value "21.5" to "home/living/temperature"
      Then the dashboard receives "21.5" on "home/living/temperature" not flagged as retained

  Rule: A topic has one retained value: the latest

    @MQTT-3.3.1-5
    Scenario: Only the latest retained value of a topic is kept
      Given the thermostat has published the retained value "21.5" to "home/living/temperature"
      And the thermostat has published the retained value "22.0" to "home/living/temperature"
      When the dashboard subscribes to "home/living/temperature"
      Then the dashboard receives "22.0" on "home/living/temperature" flagged as retained
      And the dashboard receives exactly 1 message on "home/living/temperature"

  Rule: An empty retained message deletes the retained value

    @MQTT-3.3.1-10 @MQTT-3.3.1-11
    Scenario: An empty retained message clears the retained value
      Given the thermostat has published the retained value "21.5" to "home/living/temperature"
      When the thermostat clears the retained value of "home/living/temperature"
      And the dashboard subscribes to "home/living/temperature"
      Then the dashboard receives nothing on "home/living/temperature"

    @MQTT-3.3.1-12
    Scenario: An empty message without the retain flag leaves the retained value alone
      Given the thermostat has published the retained value "21.5" to "home/living/temperature"
      When the thermostat publishes an empty message to "home/living/temperature"
      And the dashboard subscribes to "home/living/temperature"
      Then the dashboard receives "21.5" on "home/living/temperature" flagged as retained
