@lab10
Feature: State lives as long as the broker keeps it
  Retained messages live in the broker's memory. They survive a restart only when the broker
  writes them to disk (`persistence true`; a clean shutdown saves them, a crash loses what
  changed since the last autosave). A value may also carry its own lifetime: with an MQTT 5
  Message Expiry Interval, the broker deletes the retained message once it expires, and a
  store that loads later never sees the key (spec 3.3.2.3.3).
  Files: brokers/lab10/state.conf, brokers/lab10/state-volatile.conf

  Rule: Only a broker with persistence keeps its state across a restart

    @mqtt5
    Scenario: A store started after a restart finds the state again
      Given a broker running "lab10/state.conf"
      And the configurator has published the retained value "1200" to "config/pump-1/speed"
      When the broker restarts
      And the pump controller starts a state store on "config/#"
      Then the pump controller's store was loaded with 1 value

    @mqtt5
    Scenario: Without persistence a restart wipes the state
      Given a broker running "lab10/state-volatile.conf"
      And the configurator has published the retained value "1200" to "config/pump-1/speed"
      When the broker restarts
      And the pump controller starts a state store on "config/#"
      Then the pump controller's store was loaded with 0 values
      # The control: the restarted broker does keep a value written after the restart.
      When the configurator publishes the retained value "1300" to "config/pump-1/speed"
      Then the pump controller's store shows "1300" for "config/pump-1/speed"

  Rule: A retained value with a message expiry vanishes when it expires

    @mqtt5 @MQTT-3.3.2-5
    Scenario: A key that expired is not in a store that loads later
      Given a broker running "lab10/state.conf"
      And the ticket office has published the retained value "open" to "config/gate-3/state" with a message expiry of 1 second
      And the configurator has published the retained value "1200" to "config/pump-1/speed"
      When the pump controller starts a state store on "config/#" 2 seconds later
      Then the pump controller's store was loaded with exactly these values:
        | topic               | value |
        | config/pump-1/speed | 1200  |
