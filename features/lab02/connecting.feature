@lab02
Feature: Connecting a client to the broker
  A client opens a TCP connection and sends CONNECT with its options: a client id, a keepalive,
  whether it wants a clean session, and the protocol version. The broker answers with CONNACK.
  In MQTT.js these options are the second argument of `mqtt.connect(url, options)`
  (clientId, keepalive, clean, protocolVersion), and the CONNACK is the argument of the
  'connect' event. MQTT 5, spec section 3.1 and 3.2.
  Some scenarios send what no client library sends: a CONNECT for a protocol level nobody
  speaks, or a second CONNECT on a connection that is open. They write the packet "by hand":
  encoded with mqtt-packet (the encoder MQTT.js uses) onto a bare socket, or onto MQTT.js's
  own connection past its checks (support/mqtt/raw-connection.ts, connect-rules.ts).
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

      @mqtt311 @MQTT-3.1.4-4
      Examples:
        | protocol   |
        | MQTT 3.1.1 |

      @mqtt5 @MQTT-3.1.4-5
      Examples:
        | protocol |
        | MQTT 5   |

    # The broker reads the protocol name and level before anything else. Mosquitto 2.0 speaks
    # levels 3 (MQTT 3.1, name "MQIsdp"), 4 (3.1.1) and 5. For any other level it answers with
    # a 2-byte MQTT 3.1.1 CONNACK, return code 1 "unacceptable protocol version": the one
    # refusal every client can read (an MQTT 5 server may say 0x84 instead).
    @mqtt311 @MQTT-3.1.2-2
    Scenario: A CONNECT with a protocol level the broker does not speak is refused with return code 1
      When the thermostat writes a CONNECT with protocol level 6 by hand
      Then the broker answers the thermostat's CONNECT with return code 1 and closes the connection

    # A name other than "MQTT" means "this is not MQTT at all": the spec lets the server just
    # hang up, and Mosquitto does (its log: Invalid protocol "MQTX" in CONNECT).
    @mqtt311 @MQTT-3.1.2-1 @MQTT-3.1.4-1
    Scenario: A CONNECT with an unknown protocol name gets no CONNACK, only a closed connection
      When the thermostat writes a CONNECT with the protocol name "MQTX" by hand
      Then the broker closes the thermostat's connection without a CONNACK

  Rule: A connection carries one CONNECT

    # A client that "reconnects" by sending CONNECT again on the socket it has, instead of
    # opening a new one, breaks the protocol. Mosquitto closes the connection without a word,
    # in both versions (log: "Bad client ... sending multiple CONNECT messages"). MQTT 5 would
    # let it send DISCONNECT 0x82 "Protocol Error" first; Mosquitto 2.0 does not.
    @MQTT-3.1.0-2
    Scenario Outline: A second CONNECT on an open <protocol> connection makes the broker close it
      Given the thermostat is connected with <protocol>
      When the thermostat sends a second CONNECT on its open connection
      Then the broker closes the thermostat's connection, with no CONNACK and no DISCONNECT

      @mqtt311
      Examples:
        | protocol   |
        | MQTT 3.1.1 |

      @mqtt5
      Examples:
        | protocol |
        | MQTT 5   |
