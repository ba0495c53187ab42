@lab05
Feature: Keepalive finds the clients that are connected but no longer there
  A TCP connection can stay "open" long after the peer is gone: a frozen process, a device that
  lost power behind a NAT, a half-open connection nobody closed. Keepalive is how MQTT notices.
  In CONNECT the client promises to send a packet at least every `keepalive` seconds; when it
  has nothing to say, it sends PINGREQ and the broker answers PINGRESP (spec 3.1.2.10, 3.12,
  3.13). A broker that hears nothing from a client for 1.5 x keepalive closes the connection as
  if the network had failed [MQTT-3.1.2-24], and so publishes the client's will.
  Mosquitto 2.0.21 checks once a second in whole seconds: with a keepalive of 1 s, it cuts a
  silent client off 1 to 2 s after its last packet.
  Files: brokers/lab05/keepalive.conf (keepalive is the client's choice; `max_keepalive` is left
  unset on purpose, see summary.md)

  Background:
    Given a broker running "lab05/keepalive.conf"

  Rule: A silent client is cut off after 1.5 x keepalive and its will is published; PINGREQs keep a quiet client connected

    # One scenario on purpose: the same 3 seconds show both sides, the client that fell silent
    # and the one that only pinged. Silence is simulated by switching off MQTT.js's keepalive
    # timer (support/keepalive.ts); the socket itself stays open and healthy.
    @mqtt311 @MQTT-3.1.2-24 @MQTT-3.12.4-1
    Scenario: Of two quiet clients, only the one that stopped pinging is cut off
      Given the dashboard is connected with a keepalive of 1 second and subscribed to "devices/+/status"
      And the thermostat is connected with a keepalive of 1 second and the will "offline" on "devices/thermostat/status"
      When the thermostat falls silent
      Then the broker cuts the thermostat off between 1 and 3.5 seconds after it fell silent, and the dashboard receives its will
      And the dashboard, which sent nothing but PINGREQs and got a PINGRESP for each, is still connected 3 seconds after the thermostat fell silent
