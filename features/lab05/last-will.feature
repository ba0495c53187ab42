@lab05
Feature: The last will tells the others that a client is gone
  A device whose power or network dies cannot say that it is gone: the dead connection carries
  nothing. So it leaves its last words with the broker when it connects: a will topic, payload,
  QoS and retain flag in its CONNECT (spec 3.1.2.5-3.1.2.7, 3.1.3.3). The broker publishes the
  will for the device when the connection ends without a DISCONNECT packet: a broken socket, or
  a keepalive that ran out (keepalive.feature). A device that says goodbye with DISCONNECT takes
  its will back: a planned shutdown is no alarm (an MQTT 5 client may still ask for it, with
  DISCONNECT reason code 0x04 "disconnect with will message", 3.14.2.1). A retained will is the
  usual presence pattern: "offline" stays on `devices/<id>/status` for whoever looks later.
  MQTT 5 adds the Will Delay Interval (3.1.3.2.2): the broker waits before it publishes the will,
  and a device that comes back to its session in time cancels it, so that a short network
  hiccup pages nobody. The session must outlive the delay (Session Expiry Interval, lab 4).
  Files: brokers/lab05/wills.conf (wills need no broker option), labs/lab05/last-will.ts

  Background:
    Given a broker running "lab05/wills.conf"

  Rule: The broker publishes the will unless the client takes it back with a normal DISCONNECT

    @mqtt311 @MQTT-3.1.2-8 @MQTT-3.1.2-17
    Scenario: A broken connection publishes the will as the client left it
      Given the dashboard subscribes to "devices/+/status" with QoS 1
      And the thermostat is connected with a retained QoS 1 will "offline" on "devices/thermostat/status"
      When the thermostat's connection drops
      Then the dashboard receives the will "offline" on "devices/thermostat/status" with QoS 1, not flagged as retained
      And the phone, subscribing to "devices/+/status" afterwards, receives "offline" on "devices/thermostat/status" flagged as retained

    @mqtt311 @MQTT-3.1.2-10 @MQTT-3.14.4-3
    Scenario: A client that disconnects cleanly takes its will back
      Given the dashboard subscribes to "devices/+/status" with QoS 1
      And the thermostat is connected with a QoS 1 will "offline" on "devices/thermostat/status"
      When the thermostat disconnects
      Then the dashboard receives nothing on "devices/thermostat/status"

    @mqtt5
    Scenario: An MQTT 5 client may leave cleanly and still have its will published
      Given the dashboard subscribes to "devices/+/status" with QoS 1
      And the thermostat is connected with MQTT 5 and a QoS 1 will "offline" on "devices/thermostat/status"
      When the thermostat disconnects with reason code 0x04, "disconnect with will message"
      Then the dashboard receives "offline" on "devices/thermostat/status"

  Rule: With a will delay, the broker waits, and a client that comes back in time cancels its will

    @mqtt5 @MQTT-3.1.2-8
    Scenario: A delayed will is published once the delay has passed
      Given the dashboard subscribes to "devices/+/status" with QoS 1
      And the thermostat has a 10-second session and a will "offline" on "devices/thermostat/status" delayed by 1 second
      When the thermostat's connection drops
      Then the dashboard receives "offline" on "devices/thermostat/status" between 0.9 and 2.5 seconds after the thermostat's connection dropped

    @mqtt5 @MQTT-3.1.3-9
    Scenario: A client that comes back within the will delay cancels its will
      Given the dashboard subscribes to "devices/+/status" with QoS 1
      And the thermostat has a 10-second session and a will "offline" on "devices/thermostat/status" delayed by 1 second
      When the thermostat's connection drops
      And the thermostat comes back to its session within the will delay
      Then the dashboard has received nothing on "devices/thermostat/status" 2.5 seconds after the thermostat's connection dropped
