@lab10
Feature: Retained messages are a key-value store the broker keeps for you
  A retained message is the broker's memory of a topic: one current value per topic, replaced
  by the next retained publish and handed, flagged as retained, to every new subscriber. Give
  every setting its own topic (`config/<device>/<setting>`) and the broker becomes a small
  key-value store: a service that starts late gets every current value at once, and an empty
  retained payload deletes a key (spec 3.3.1.3).
  Files: brokers/lab10/state.conf

  Background:
    Given a broker running "lab10/state.conf"

  Rule: A late subscriber gets the current value of every key, flagged as retained

    @mqtt311 @MQTT-3.3.1-6
    Scenario: A service that starts late gets every current setting at once
      Given the configurator has published these retained values:
        | topic                | value |
        | config/pump-1/speed  | 1200  |
        | config/pump-2/speed  | 900   |
      When the pump controller subscribes to "config/#"
      Then the pump controller receives "1200" on "config/pump-1/speed" flagged as retained
      And the pump controller receives "900" on "config/pump-2/speed" flagged as retained

    @mqtt311 @MQTT-3.3.1-5
    Scenario: Only the latest value of a key is kept
      Given the configurator has published the retained value "1200" to "config/pump-1/speed"
      And the configurator has published the retained value "1500" to "config/pump-1/speed"
      When the pump controller subscribes to "config/#"
      Then the pump controller receives "1500" on "config/pump-1/speed" flagged as retained
      And the pump controller receives exactly 1 message on "config/pump-1/speed"

  Rule: Only a retained publish writes a key, and an empty one deletes it

    @mqtt311 @MQTT-3.3.1-12
    Scenario: A value published without the retain flag is not kept for later subscribers
      Given the configurator is connected
      When the configurator publishes "1200" to "config/pump-1/speed" with QoS 1
      And the pump controller subscribes to "config/#"
      Then the pump controller receives nothing on "config/pump-1/speed"
      # The control: the same subscription does get a value published on the same topic.
      When the configurator publishes the retained value "1300" to "config/pump-1/speed"
      Then the pump controller receives "1300" on "config/pump-1/speed"

    @mqtt311 @MQTT-3.3.1-10
    Scenario: An empty retained payload deletes the key
      Given the configurator has published the retained value "1200" to "config/pump-1/speed"
      When the configurator clears the retained value of "config/pump-1/speed"
      And the pump controller subscribes to "config/#"
      Then the pump controller receives nothing on "config/pump-1/speed"
      # The control: the same subscription does get a value published on the same topic.
      When the configurator publishes the retained value "1300" to "config/pump-1/speed"
      Then the pump controller receives "1300" on "config/pump-1/speed"
