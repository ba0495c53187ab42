@lab05
Feature: Keepalive finds the clients that are connected but no longer there
  A TCP connection can stay "open" long after the peer is gone: a frozen process, a device that
  lost power behind a NAT, a half-open connection nobody closed. Keepalive is how MQTT notices.
  In CONNECT the client promises to send a packet at least every `keepalive` seconds; when it
  has nothing to say, it sends PINGREQ and the broker answers PINGRESP (spec 3.1.2.10, 3.12,
  3.13). A broker that hears nothing from a client for 1.5 x keepalive closes the connection as
  if the network had failed [MQTT-3.1.2-24], and so publishes the client's will.
  Mosquitto computes 1.5 x keepalive in whole seconds (`keepalive * 3 / 2`, rounded down) and
  checks once a second: it cuts a client off once more than that many whole seconds passed
  since its last packet. Keepalive 3 s: allowed silence 4 s, cut off 4 to 5 s after the last
  packet (a broker waiting 2 x keepalive would need more than 6 s). Keepalive 1 s: allowed
  silence 1 s, cut off 1 to 2 s after, so even a client that pings every second is cut off when
  one PINGREQ is a few ms late across a second boundary: the pinging dashboard uses 2 s.
  Files: brokers/lab05/keepalive.conf (keepalive is the client's choice; `max_keepalive` is left
  unset on purpose, see summary.md)

  Background:
    Given a broker running "lab05/keepalive.conf"

  Rule: A silent client is cut off after 1.5 x keepalive and its will is published; PINGREQs keep a quiet client connected

    # One scenario on purpose: the same 5 seconds show both sides, the client that fell silent
    # and the one that only pinged. Silence is simulated by switching off MQTT.js's keepalive
    # timer (support/mqtt/keepalive.ts); the socket itself stays open and healthy.
    # The window: 4 s is the earliest a correct broker may cut (1.5 x 3 s, in whole seconds),
    # 5 s the latest, plus 0.8 s for a loaded machine; 2 x keepalive could not cut before 6 s.
    @mqtt311 @MQTT-3.1.2-24 @MQTT-3.12.4-1 @mosquitto>=2.0.21
    Scenario: Of two quiet clients, only the one that stopped pinging is cut off
      Given the dashboard is connected with a keepalive of 2 seconds and subscribed to "devices/+/status"
      And the thermostat is connected with a keepalive of 3 seconds and the will "offline" on "devices/thermostat/status"
      When the thermostat falls silent
      Then the broker cuts the thermostat off between 4 and 5.8 seconds after it fell silent, and the dashboard receives its will
      And the dashboard, which sent nothing but PINGREQs and got a PINGRESP for each, is still connected 5 seconds after the thermostat fell silent

    # Before 2.0.21 Mosquitto looked at keepalives only every 6 seconds (Debian 12's 2.0.11 does):
    # the same silence is found 4 to 11 s after the last packet (+0.8 s for a loaded machine).
    @mqtt311 @MQTT-3.1.2-24 @mosquitto<2.0.21
    Scenario: Before Mosquitto 2.0.21, a silent client is cut off up to 6 seconds later
      Given the dashboard is connected with a keepalive of 2 seconds and subscribed to "devices/+/status"
      And the thermostat is connected with a keepalive of 3 seconds and the will "offline" on "devices/thermostat/status"
      When the thermostat falls silent
      Then the broker cuts the thermostat off between 4 and 11.8 seconds after it fell silent, and the dashboard receives its will
