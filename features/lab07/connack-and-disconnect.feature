@lab07 @mqtt5
Feature: What the broker tells an MQTT 5 client in CONNACK and DISCONNECT
  MQTT 3.1.1 gives a broker two ways to talk back: a CONNACK return code, or a closed socket.
  MQTT 5 adds CONNACK properties that change how the client must behave, and a DISCONNECT
  from the broker with a reason code that says why it is hanging up (spec 3.2.2.3, 3.14,
  4.13). A client must read both:
  - Assigned Client Identifier: a client that sent no id learns the one the broker made up,
    and can come back to its session under it (unlike MQTT 3.1.1, see lab 4).
  - Server Keep Alive: the broker's `max_keepalive` caps the keepalive; a client that asked
    for more must use the broker's value. An MQTT 3.1.1 client cannot be told, so Mosquitto
    refuses it with return code 2.
  - DISCONNECT reason codes on a broken packet: 0x81 "Malformed Packet" when the bytes break
    the packet format, 0x82 "Protocol Error" when a well-formed packet breaks a rule. (0x8E
    "Session taken over" is in lab 4, 0x94 "Topic Alias invalid" in topic-aliases.feature,
    0x95 "Packet too large" in flow-control.feature.) A client that logs the reason code knows
    which bug to look for; one that just reconnects sends the same bad packet again.
  The bad packets are written past MQTT.js, which would never send them
  (support/mqtt/forbidden-packets.ts, raw-connection.ts).
  Files: brokers/lab07/mqtt5.conf, brokers/lab07/server-keepalive.conf

  Rule: A client without an id is told the one the broker assigned, and may keep a session under it

    @MQTT-3.1.3-6 @MQTT-3.1.3-7
    Scenario: A phone without a client id asks to keep its session, and finds it again under the assigned id
      Given a broker running "lab07/mqtt5.conf"
      When the phone writes an MQTT 5 CONNECT without a client id, with clean start 0 and a session expiry of 60 seconds, by hand
      Then the broker accepts the phone's CONNECT and tells it the client identifier it assigned
      And the phone, coming back under the assigned identifier, finds its session

  Rule: The broker's max_keepalive caps the keepalive a client may use

    @MQTT-3.2.2-21
    Scenario: A tracker that asks for a longer keepalive is told to use the broker's maximum
      Given a broker running "lab07/server-keepalive.conf"
      When the tracker connects with MQTT 5 and a keepalive of 300 seconds
      Then the broker's CONNACK tells the tracker to use a keepalive of 100 seconds

    @MQTT-3.2.2-22
    Scenario: A tracker that asks for less keeps its own keepalive
      Given a broker running "lab07/server-keepalive.conf"
      When the tracker connects with MQTT 5 and a keepalive of 30 seconds
      Then the broker's CONNACK leaves the tracker its own keepalive

    @mqtt311 @mosquitto>=2.0.12
    Scenario: An MQTT 3.1.1 tracker that asks for more is refused with return code 2
      Given a broker running "lab07/server-keepalive.conf"
      When the tracker connects with MQTT 3.1.1 and a keepalive of 300 seconds
      Then the broker refuses the tracker with CONNACK code 2

    # max_keepalive applied to MQTT 5 clients only before 2.0.12 (Debian 12 ships 2.0.11).
    @mqtt311 @mosquitto<2.0.12
    Scenario: Before Mosquitto 2.0.12, an MQTT 3.1.1 tracker that asks for more is accepted
      Given a broker running "lab07/server-keepalive.conf"
      When the tracker connects with MQTT 3.1.1 and a keepalive of 300 seconds
      Then the broker accepts the tracker

  Rule: A broken packet gets the client disconnected, with a reason code that says how it was broken

    @MQTT-4.13.1-1 @MQTT-4.13.2-1 @MQTT-3.14.2-1
    Scenario Outline: The broker answers <packet> with DISCONNECT <code> "<name>"
      Given a broker running "lab07/mqtt5.conf"
      And the oven sensor is connected with MQTT 5
      When the oven sensor writes "<packet>" straight to its connection
      Then the broker disconnects the oven sensor with reason code <code>

      @MQTT-3.3.1-4
      Examples: the packet cannot be parsed as the spec says
        | packet                           | code | name             |
        | a PUBLISH with both QoS bits set | 0x81 | Malformed Packet |

      @MQTT-3.3.1-2 @mosquitto>=2.0.12
      Examples: a flag that the packet's QoS forbids
        | packet                                | code | name             |
        | a QoS 0 PUBLISH with the DUP flag set | 0x81 | Malformed Packet |

      # Mosquitto calls this one malformed; the spec names it a Topic Name error (0x90 would fit).
      @MQTT-3.3.2-2 @mosquitto>=2.0.12
      Examples: a wildcard in a topic name
        | packet                              | code | name             |
        | a PUBLISH to a topic with a wildcard | 0x81 | Malformed Packet |

      @MQTT-3.3.2-2 @mosquitto<2.0.12
      Examples: a wildcard in a topic name, before Mosquitto 2.0.12
        | packet                              | code | name           |
        | a PUBLISH to a topic with a wildcard | 0x82 | Protocol Error |

      @MQTT-2.2.1-3
      Examples: a packet identifier that may not be 0
        | packet                                   | code | name           |
        | a QoS 1 PUBLISH with packet identifier 0 | 0x82 | Protocol Error |

      @MQTT-3.3.2-8 @mosquitto>=2.0.12
      Examples: a topic alias that may not be 0
        | packet                       | code | name           |
        | a PUBLISH with topic alias 0 | 0x82 | Protocol Error |

      @MQTT-3.3.2-8 @mosquitto<2.0.12
      Examples: a topic alias that may not be 0, before Mosquitto 2.0.12
        | packet                       | code | name             |
        | a PUBLISH with topic alias 0 | 0x81 | Malformed Packet |

      @MQTT-3.8.3-4 @mosquitto>=2.0.20
      Examples: an option that makes no sense for a shared subscription
        | packet                              | code | name           |
        | a shared subscription with No Local | 0x82 | Protocol Error |
