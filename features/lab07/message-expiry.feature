@lab07 @mqtt5
Feature: Message expiry keeps stale messages from being delivered
  A message can say how long it stays useful: the Message Expiry Interval, in seconds. A
  "smoke in the kitchen" alert is worth delivering to a phone that comes back online a minute
  later, a "door unlocked for 5 seconds" command is not. The broker drops a message that is
  still waiting for an offline client once its interval has passed, and a message it does
  deliver carries the lifetime it has LEFT, so the next hop can keep counting. A retained
  message with an expiry disappears too: a late subscriber no longer gets it.
  Time is the behaviour here: the waits are bounded in the steps. Mosquitto counts in whole
  seconds: a 1 s message may be dropped up to 2 s after it was published when queued, and up
  to 1 s after when retained, so the waits leave that margin; a 60 s message queued for 2.5 s
  arrives with 57 or 58 s left (2 or 3 whole seconds of the broker's clock went by), never 60.
  MQTT 5 spec section 3.3.2.3.3. Files: brokers/lab07/mqtt5.conf (no option needed)

  Background:
    Given a broker running "lab07/mqtt5.conf"

  Rule: A message waiting for an offline client expires

    @MQTT-3.3.2-6
    Scenario: A queued alert that is still fresh arrives with the lifetime it has left
      Given the phone has an MQTT 5 session on "alerts/#" with QoS 1 that expires 60 seconds after a disconnect
      And the phone disconnects
      When the smoke detector publishes "smoke in the kitchen" to "alerts/kitchen" with QoS 1 and a message expiry of 60 seconds
      And the phone reconnects to its durable session 2.5 seconds later
      Then the phone receives "smoke in the kitchen" on "alerts/kitchen" with its message expiry counted down by the whole seconds it was queued

    @MQTT-3.3.2-5
    Scenario: A queued alert that expired while the phone was away is dropped
      Given the phone has an MQTT 5 session on "alerts/#" with QoS 1 that expires 60 seconds after a disconnect
      And the phone disconnects
      When the smoke detector publishes "smoke in the kitchen" to "alerts/kitchen" with QoS 1 and a message expiry of 1 second
      And the smoke detector publishes "battery low" to "alerts/kitchen" with QoS 1
      And the phone reconnects to its durable session 2.5 seconds later
      Then the phone receives "battery low" on "alerts/kitchen"
      And the phone does not receive "smoke in the kitchen" on "alerts/kitchen"

  Rule: A retained message with an expiry disappears when it expires

    Scenario: A late subscriber gets the retained value without an expiry, not the expired one
      Given the thermostat has published the retained value "21.5" to "home/living/temperature" with a message expiry of 1 second
      And the hygrometer has published the retained value "45 %" to "home/living/humidity"
      When the dashboard subscribes to "home/living/#" 1.5 seconds later
      Then the dashboard receives "45 %" on "home/living/humidity" flagged as retained
      And the dashboard does not receive "21.5" on "home/living/temperature"
