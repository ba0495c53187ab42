@lab02
Feature: Connecting a client to the broker
  A client opens a TCP connection and sends CONNECT with its options: a client id, a keepalive,
  whether it wants a clean session, and the protocol version. The broker answers with CONNACK.
  In MQTT.js these options are the second argument of `mqtt.connect(url, options)`
  (clientId, keepalive, clean, protocolVersion), and the CONNACK is the argument of the
  'connect' event. MQTT 5, spec section 3.1 and 3.2.
  Files: brokers/lab02/mosquitto.conf

  Background:
    Given a broker running "lab02/mosquitto.conf"

  Rule: The CONNACK answers the options the client asked for

    # The thermostat had a durable session with a message waiting in it: clean session 1 must
    # throw both away, and the CONNACK must say so. (Lab 4 shows the same for the subscriptions.)
    @mqtt311 @MQTT-3.1.2-6 @MQTT-3.2.2-1
    Scenario: A client asking for a clean session loses the session it had
      Given the thermostat is offline with a durable session subscribed to "home/thermostat/setpoint" with QoS 1
      And the app publishes "21.0" to "home/thermostat/setpoint" with QoS 1
      When the thermostat connects with a clean session and a keepalive of 30 seconds
      Then the broker accepts the CONNECT with clean session 1 and keepalive 30 that the thermostat sent, without a session present
      And the thermostat receives nothing on "home/thermostat/setpoint"

    @mqtt5 @MQTT-3.2.2-16
    Scenario: An MQTT 5 client without a client id is given one by the broker
      When the thermostat connects with MQTT 5 without a client id
      Then the broker accepts the thermostat
      And the broker tells the thermostat the client id it assigned

  Rule: A client speaks one protocol version per connection

    Scenario Outline: The broker accepts <protocol> clients on the same listener
      When the thermostat connects anonymously with <protocol>
      Then the broker accepts the thermostat

      Examples:
        | protocol   |
        | MQTT 3.1.1 |
        | MQTT 5     |
