@lab04
Feature: A client id names one session and one connection
  The broker finds a session by its client id, nothing else (spec 3.1.3.1): a device that comes
  back with the same id resumes its session (durable-sessions.feature). And an id can be
  connected only once: when a second connection arrives with an id that is already
  connected, the broker closes the first one (spec 3.1.4). An MQTT 5 client is told why,
  with DISCONNECT reason code 0x8E "session taken over"; an MQTT 3.1.1 client just loses its
  connection.

  In real fleets this is the cause of "devices that drop every few seconds": a device image
  cloned onto a hundred devices with the id baked into its configuration, an id copy-pasted
  from one service's settings into another's, or one program that opens a new connection on
  every error without closing the old one. Two such clients that both reconnect automatically
  kick each other out in turns, forever, and both of them look "flaky". Give each device an id
  of its own (serial number, MAC address, instance id) and check the broker's log for
  "already connected, closing old connection".

  A client may also send no client id at all (an empty one). The broker then makes one up,
  which the client never learns in MQTT 3.1.1 (MQTT 5 tells it, see lab 7): so it can never
  come back to that session, and MQTT 3.1.1 allows an empty id only with clean session 1.
  MQTT.js refuses the other combination itself; the scenario writes that CONNECT by hand with
  mqtt-packet (support/mqtt/raw-connection.ts) to show what the broker answers.
  Files: brokers/lab04/sessions.conf (`allow_zero_length_clientid`)

  Background:
    Given a broker running "lab04/sessions.conf"

  Rule: The newest connection with a client id takes the session over, the older one is closed

    @mqtt311 @MQTT-3.1.4-2
    Scenario: A cloned device takes over the session and the original loses its connection
      Given the thermostat has a durable session subscribed to "home/heating/setpoint" with QoS 1
      When the twin thermostat connects with the thermostat's client id
      Then the broker closes the thermostat's connection
      And the broker reports that it kept a session for the twin thermostat

    @mqtt5 @MQTT-3.1.4-3 @mosquitto>=2.0.15
    Scenario: An MQTT 5 client is told that its session was taken over
      Given the thermostat is connected with MQTT 5
      When the twin thermostat connects with the thermostat's client id
      Then the broker disconnects the thermostat with reason code 0x8E
      And the twin thermostat is still connected

    # Debian 12's Mosquitto 2.0.11 closes the socket without a word, as for MQTT 3.1.1.
    @mqtt5 @mosquitto<2.0.15
    Scenario: Before Mosquitto 2.0.15, an MQTT 5 client whose session is taken over just loses its connection
      Given the thermostat is connected with MQTT 5
      When the twin thermostat connects with the thermostat's client id
      Then the broker closes the thermostat's connection without a DISCONNECT
      And the twin thermostat is still connected

  Rule: MQTT 3.1.1 accepts an empty client id only for a clean session

    @mqtt311 @MQTT-3.1.3-6
    Scenario: Clients without a client id and with a clean session each get an id of their own
      When the thermostat connects with MQTT 3.1.1 without a client id and with a clean session
      And the hygrometer connects with MQTT 3.1.1 without a client id and with a clean session
      Then the broker accepts the thermostat
      And the thermostat and the hygrometer are both still connected: the broker gave each an id of its own

    @mqtt311 @MQTT-3.1.3-7 @MQTT-3.1.3-8
    Scenario: A client without a client id that asks for a durable session is refused with return code 2
      Given MQTT.js will not connect the thermostat without a client id to a durable session
      When the thermostat writes an MQTT 3.1.1 CONNECT without a client id and with clean session 0 by hand
      Then the broker answers the thermostat's CONNECT with return code 2 and closes the connection

  Rule: MQTT 5: the broker's DISCONNECT says why, and leaves the session's lifetime to the client

    # The session expiry interval is the client's to set: a broker may not send one in its
    # DISCONNECT. Mosquitto's 0x8E carries none, though the session it ends had one.
    @mqtt5 @MQTT-3.14.2-2 @MQTT-3.14.0-1 @mosquitto>=2.0.15
    Scenario: The DISCONNECT that tells of a takeover carries no session expiry interval
      Given the thermostat has an MQTT 5 session on "home/heating/setpoint" with QoS 1 that expires 60 seconds after a disconnect
      When the twin thermostat connects with the thermostat's client id
      Then the broker disconnects the thermostat with reason code 0x8E
      And the DISCONNECT the thermostat got carries no session expiry interval
