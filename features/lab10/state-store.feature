@lab10
Feature: A state store loads the retained snapshot, knows when it is complete, then follows updates
  labs/lab10/retained-state-store.ts is the reactive pattern for state in retained messages: a
  service subscribes to a subtree, takes the retained messages the broker sends as its snapshot,
  and applies every later message as an update. It must know when the snapshot is COMPLETE
  (a controller that starts with half its settings does damage) and MQTT has no such marker.
  The store sends a second SUBSCRIBE right behind the first: Mosquitto handles a connection's
  packets in order and writes all retained messages of a SUBSCRIBE before it answers the next
  packet, so that SUBACK marks the end. It subscribes at QoS 0 because at QoS 1 the broker
  holds back every retained message beyond its in-flight window (`max_inflight_messages 20`)
  until PUBACKs come, while the SUBACK overtakes them.
  Files: brokers/lab10/state.conf, labs/lab10/retained-state-store.ts

  Background:
    Given a broker running "lab10/state.conf"

  Rule: The store reports itself loaded only with the whole snapshot

    @mqtt5
    Scenario: The store starts with every current value of its subtree
      Given the configurator has published these retained values:
        | topic               | value |
        | config/pump-1/speed | 1200  |
        | config/pump-2/speed | 900   |
        | config/valve-7/open | 40 %  |
      When the pump controller starts a state store on "config/#"
      Then the pump controller's store was loaded with exactly these values:
        | topic               | value |
        | config/pump-1/speed | 1200  |
        | config/pump-2/speed | 900   |
        | config/valve-7/open | 40 %  |

    @mqtt5
    Scenario: A store on an empty subtree is loaded at once, with nothing in it
      Given the configurator has published the retained value "1200" to "config/pump-1/speed"
      When the pump controller starts a state store on "recipes/#"
      Then the pump controller's store was loaded with 0 values
      # The control: the same store does take a value written into its subtree.
      When the configurator publishes the retained value "rye" to "recipes/bread/flour"
      Then the pump controller's store shows "rye" for "recipes/bread/flour"

    @mqtt5
    Scenario: A snapshot larger than the in-flight window is complete too
      Given the configurator has published 60 retained values under "config/fleet" with QoS 1
      When the fleet manager starts a state store on "config/fleet/#"
      Then the fleet manager's store was loaded with 60 values

  Rule: After the load, the store follows changes and deletions as they happen

    @mqtt5
    Scenario: A value changed after the load reaches the store
      Given the configurator has published the retained value "1200" to "config/pump-1/speed"
      And the pump controller starts a state store on "config/#"
      When the configurator publishes the retained value "1500" to "config/pump-1/speed"
      Then the pump controller's store shows "1500" for "config/pump-1/speed"

    @mqtt5
    Scenario: A key deleted after the load disappears from the store
      Given the configurator has published the retained value "1200" to "config/pump-1/speed"
      And the pump controller starts a state store on "config/#"
      When the configurator clears the retained value of "config/pump-1/speed"
      Then the pump controller's store no longer has "config/pump-1/speed"

    @mqtt5
    Scenario: A value published without the retain flag is an event, not a change of state
      Given the configurator has published the retained value "1200" to "config/pump-1/speed"
      And the pump controller starts a state store on "config/#"
      When the configurator publishes "9999" to "config/pump-1/speed" with QoS 1
      Then the pump controller's store still shows "1200" for "config/pump-1/speed"
      # The control: the same store does follow a retained change of the same key.
      When the configurator publishes the retained value "1300" to "config/pump-1/speed"
      Then the pump controller's store shows "1300" for "config/pump-1/speed"
