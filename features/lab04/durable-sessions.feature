@lab04
Feature: A durable session keeps a client's subscriptions and missed messages
  A session is what the broker remembers about a client between two connections: its
  subscriptions, and the QoS 1 and 2 messages that arrived for it while it was away. A sensor
  on a mobile link drops off several times a day; with a durable session it finds its
  subscriptions and the alarms it missed when it comes back, without subscribing again.
  The client asks for it in its CONNECT. MQTT 3.1.1 has one flag for both ends of the
  connection: clean session = 0 means "resume my session, and keep it after I leave" (spec
  3.1.2.4). MQTT 5 splits it in two: Clean Start = 0 means "resume my session if you still
  have it" (spec 3.1.2.4), and the Session Expiry Interval says how many seconds the broker
  keeps it after the connection closes; absent or 0, it ends with the connection (3.1.2.11.2).
  The broker answers with the CONNACK's "session present" flag (3.2.2.2 in 3.1.1, 3.2.2.1.1
  in 5): a client that sees 0 knows that it has to subscribe again.
  Files: brokers/lab04/sessions.conf, labs/lab04/durable-session.ts

  Background:
    Given a broker running "lab04/sessions.conf"

  Rule: MQTT 3.1.1: clean session 0 resumes the session, clean session 1 starts an empty one

    @mqtt311 @MQTT-3.1.2-4 @MQTT-3.2.2-2
    Scenario: A durable session keeps its subscriptions across a reconnect
      Given the logger has a durable session subscribed to "alerts/#" with QoS 1
      And the logger disconnects
      When the logger reconnects to its durable session
      And the smoke detector publishes "smoke in the kitchen" to "alerts/kitchen" with QoS 1
      Then the broker reports that it kept a session for the logger
      And the logger receives "smoke in the kitchen" on "alerts/kitchen"

    @mqtt311 @MQTT-3.1.2-6 @MQTT-3.2.2-1
    Scenario: A clean session starts without the old subscriptions
      Given the logger has a durable session subscribed to "alerts/#" with QoS 1
      And the logger disconnects
      When the logger reconnects with a clean session
      And the smoke detector publishes "smoke in the kitchen" to "alerts/kitchen" with QoS 1
      Then the broker reports that it kept no session for the logger
      And the logger receives nothing on "alerts/kitchen"

  Rule: MQTT 5 resumes a session only while its session expiry interval has not run out

    # 10 seconds: the logger comes back at once, so a long interval costs nothing and leaves
    # a loaded machine all the slack it needs. The next scenarios keep 1 second, where time counts.
    @mqtt5 @MQTT-3.1.2-5 @MQTT-3.1.2-23 @MQTT-3.2.2-3
    Scenario: A client back within its session expiry interval gets the messages it missed
      Given the logger has an MQTT 5 session on "alerts/#" with QoS 1 that expires 10 seconds after a disconnect
      And the logger disconnects
      When the smoke detector publishes "smoke in the kitchen" to "alerts/kitchen" with QoS 1
      And the logger reconnects to its durable session
      Then the broker reports that it kept a session for the logger
      And the logger receives "smoke in the kitchen" on "alerts/kitchen"

    @mqtt5 @MQTT-4.1.0-2
    Scenario: Clean start 0 without a session expiry interval finds no session
      Given the logger has an MQTT 5 session on "alerts/#" with QoS 1 but no session expiry interval
      And the logger disconnects
      When the smoke detector publishes "smoke in the kitchen" to "alerts/kitchen" with QoS 1
      And the logger reconnects to its durable session
      Then the broker reports that it kept no session for the logger
      And the logger receives nothing on "alerts/kitchen"

    # Mosquitto checks session expiry once a second, so a 1-second session is gone 1 to 2
    # seconds after the disconnect; 2.5 seconds away is safely past that.
    @mqtt5 @MQTT-4.1.0-2
    Scenario: A session is gone once its expiry interval has passed
      Given the logger has an MQTT 5 session on "alerts/#" with QoS 1 that expires 1 second after a disconnect
      When the logger disconnects and comes back to its session 2.5 seconds later
      And the smoke detector publishes "smoke in the kitchen" to "alerts/kitchen" with QoS 1
      Then the broker reports that it kept no session for the logger
      And the logger receives nothing on "alerts/kitchen"

  Rule: MQTT 5: clean start 1 throws away the session, however long it had left

    @mqtt5 @MQTT-3.1.2-4 @MQTT-3.2.2-2
    Scenario: A client that comes back with clean start 1 finds neither its session nor its subscriptions
      Given the logger has an MQTT 5 session on "alerts/#" with QoS 1 that expires 10 seconds after a disconnect
      And the logger disconnects
      When the logger reconnects with a clean session
      And the smoke detector publishes "smoke in the kitchen" to "alerts/kitchen" with QoS 1
      Then the broker reports that it kept no session for the logger
      And the logger receives nothing on "alerts/kitchen"
