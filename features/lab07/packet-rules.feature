@lab07 @mqtt5
Feature: The broker tells an MQTT 5 client which rule of a packet it broke, then hangs up
  The same broken packets that get an MQTT 3.1.1 client's connection closed without a word
  (lab 2, packet-rules.feature) get an MQTT 5 client a DISCONNECT first, whose reason code says
  what was wrong: 0x81 "Malformed Packet" when the bytes break the packet's format, 0x82
  "Protocol Error" when a well-formed packet breaks a rule (spec 4.13). Whatever the code, the
  broker then closes the connection: a code of 0x80 or more always ends it (spec 4.13.2).
  connack-and-disconnect.feature has the PUBLISH packets; here are the reserved bits, the
  SUBSCRIBE and UNSUBSCRIBE packets, the strings, and the packets only a broker may send.
  The packets are written past MQTT.js (support/mqtt/forbidden-packets.ts).
  Files: brokers/lab07/mqtt5.conf

  Background:
    Given a broker running "lab07/mqtt5.conf"

  Rule: A packet that breaks the rules gets a DISCONNECT with the reason, and the connection closed

    @MQTT-4.13.1-1 @MQTT-4.13.2-1 @MQTT-3.14.2-1
    Scenario Outline: The broker answers <packet> with DISCONNECT <code>
      Given the oven sensor is connected with MQTT 5
      When the oven sensor writes "<packet>" straight to its connection
      Then the broker disconnects the oven sensor with reason code <code>

      @MQTT-2.1.3-1 @MQTT-3.8.1-1
      Examples: reserved flags in the fixed header of a SUBSCRIBE
        | packet                                   | code |
        | a SUBSCRIBE with the reserved flags 0000 | 0x81 |

      @MQTT-2.1.3-1 @MQTT-3.10.1-1
      Examples: reserved flags in the fixed header of an UNSUBSCRIBE
        | packet                                      | code |
        | an UNSUBSCRIBE with the reserved flags 0000 | 0x81 |

      @MQTT-2.1.3-1 @MQTT-3.6.1-1 @mosquitto>=2.0.12
      Examples: reserved flags in the fixed header of a PUBREL
        | packet                                | code |
        | a PUBREL with the reserved flags 0000 | 0x81 |

      @MQTT-3.8.3-5
      Examples: reserved bits in a subscription's options
        | packet                                                | code |
        | a SUBSCRIBE with the reserved bits of its options set | 0x81 |

      @MQTT-3.8.3-2
      Examples: a SUBSCRIBE without a topic filter
        | packet                             | code |
        | a SUBSCRIBE without a topic filter | 0x81 |

      @MQTT-3.10.3-2
      Examples: an UNSUBSCRIBE without a topic filter
        | packet                                | code |
        | an UNSUBSCRIBE without a topic filter | 0x81 |

      @MQTT-1.5.4-1
      Examples: a string that is not UTF-8
        | packet                                 | code |
        | a PUBLISH to a topic that is not UTF-8 | 0x81 |

      @MQTT-1.5.4-2 @MQTT-4.7.3-2
      Examples: a null character in a string
        | packet                                     | code |
        | a PUBLISH to a topic with a null character | 0x81 |

      @MQTT-4.7.1-1
      Examples: "#" that is not the last level
        | packet                               | code |
        | a SUBSCRIBE to factory/#/temperature | 0x81 |

      @MQTT-4.7.1-2
      Examples: "+" that is not a whole level
        | packet                       | code |
        | a SUBSCRIBE to factory/oven+ | 0x81 |

      # The spec calls an empty topic without an alias a Protocol Error (0x82); Mosquitto says 0x81.
      @MQTT-4.7.3-1 @mosquitto>=2.0.12
      Examples: an empty topic without a topic alias to stand for it
        | packet                        | code |
        | a PUBLISH with an empty topic | 0x81 |

      @MQTT-4.7.3-1 @mosquitto<2.0.12
      Examples: an empty topic without a topic alias, before Mosquitto 2.0.12
        | packet                        | code |
        | a PUBLISH with an empty topic | 0x82 |

      @MQTT-4.8.2-2
      Examples: a share name with a wildcard in it
        | packet                                                 | code |
        | a shared subscription whose share name has a plus sign | 0x81 |

      @MQTT-4.12.0-7 @mosquitto>=2.0.12
      Examples: an AUTH packet from a client that did not ask for enhanced authentication
        | packet         | code |
        | an AUTH packet | 0x82 |

    # Debian 12's Mosquitto 2.0.11 hangs up on it as on an MQTT 3.1.1 client: no reason given.
    @MQTT-4.12.0-7 @mosquitto<2.0.12
    Scenario: Before Mosquitto 2.0.12, an AUTH packet gets the connection closed without a DISCONNECT
      Given the oven sensor is connected with MQTT 5
      When the oven sensor writes "an AUTH packet" straight to its connection
      Then the broker closes the oven sensor's connection without a DISCONNECT

  Rule: Subscription identifiers go from the broker to subscribers, never from a publisher

    # The spec makes a subscription identifier in a client's PUBLISH a Protocol Error. Mosquitto
    # 2.0 takes the PUBLISH without a word: a client must not count on the broker to catch it.
    @deviates-MQTT-3.3.4-6
    Scenario: Mosquitto lets a PUBLISH with a subscription identifier through
      Given the oven sensor is connected with MQTT 5
      When the oven sensor writes "a PUBLISH with a subscription identifier" straight to its connection
      Then the oven sensor is still connected

  Rule: A connection starts with one valid CONNECT

    @MQTT-3.1.0-1
    Scenario: A PUBLISH before any CONNECT gets the connection closed without a CONNACK
      When the oven sensor writes a PUBLISH before any CONNECT, with MQTT 5, by hand
      Then the broker closes the oven sensor's connection without a CONNACK

    @MQTT-3.1.2-3 @MQTT-3.1.4-1
    Scenario: A CONNECT with its reserved flag set gets the connection closed
      When the oven sensor writes a CONNECT with the reserved flag set, with MQTT 5, by hand
      Then the broker closes the oven sensor's connection, whatever it answered
