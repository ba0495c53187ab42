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
  Files: brokers/lab04/sessions.conf

  Background:
    Given a broker running "lab04/sessions.conf"

  Rule: The newest connection with a client id takes the session over, the older one is closed

    @mqtt311 @MQTT-3.1.4-2
    Scenario: A cloned device takes over the session and the original loses its connection
      Given the thermostat has a durable session subscribed to "home/heating/setpoint" with QoS 1
      When the twin thermostat connects with the thermostat's client id
      Then the broker closes the thermostat's connection
      And the broker reports that it kept a session for the twin thermostat

    @mqtt5 @MQTT-3.1.4-3
    Scenario: An MQTT 5 client is told that its session was taken over
      Given the thermostat is connected with MQTT 5
      When the twin thermostat connects with the thermostat's client id
      Then the broker disconnects the thermostat with reason code 0x8E
      And the twin thermostat is still connected
