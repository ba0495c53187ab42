@lab02 @mqtt311
Feature: Publish and subscribe
  Publishers and subscribers never know each other: a publisher sends a message to a topic,
  the broker delivers it to every client whose subscription matches that topic. In MQTT.js a
  subscriber calls `client.subscribe(filter)` and handles `client.on('message', (topic,
  payload) => ...)`; a publisher calls `client.publish(topic, payload)`.
  Files: brokers/lab02/mosquitto.conf

  Background:
    Given a broker running "lab02/mosquitto.conf"

  Rule: A subscriber receives what is published to the topic it subscribed to

    Scenario: The dashboard receives the thermostat's reading
      Given the dashboard subscribes to "home/living/temperature"
      When the thermostat publishes "21.5" to "home/living/temperature"
      Then the dashboard receives "21.5" on "home/living/temperature"

    Scenario: The dashboard does not receive readings of other topics
      Given the dashboard subscribes to "home/living/temperature"
      When the thermostat publishes "19.0" to "home/kitchen/temperature"
      Then the dashboard receives nothing on "home/kitchen/temperature"

  Rule: After unsubscribing, nothing more arrives

    @MQTT-3.10.4-2
    Scenario: The dashboard unsubscribes and hears nothing more
      Given the dashboard subscribes to "home/living/temperature"
      When the dashboard unsubscribes from "home/living/temperature"
      And the thermostat publishes "21.5" to "home/living/temperature"
      Then the dashboard receives nothing on "home/living/temperature"
