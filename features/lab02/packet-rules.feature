@lab02 @mqtt311
Feature: The broker hangs up on an MQTT 3.1.1 client that breaks the rules of a packet
  Every MQTT packet has rules a client library keeps for you: flags the fixed header must carry,
  a topic filter in every SUBSCRIBE, UTF-8 without a null character in every string, wildcards
  only where they may stand. A broker that let a broken packet through would have to guess what
  it meant. MQTT 3.1.1 gives the broker one answer: close the network connection, without a
  word (spec 4.8). The client learns only that it is gone; its will, if it left one, is
  published. MQTT 5 says why first (lab 7, packet-rules.feature).
  MQTT.js never sends these packets, so the scenarios write them past it
  (support/mqtt/forbidden-packets.ts).
  Files: brokers/lab02/mosquitto.conf

  Background:
    Given a broker running "lab02/mosquitto.conf"

  Rule: A packet that breaks the rules closes the connection it came on

    Scenario Outline: The broker closes the connection of a client that writes <packet>
      Given the thermostat is connected with MQTT 3.1.1
      When the thermostat writes "<packet>" straight to its connection
      Then the broker closes the thermostat's connection

      @MQTT-2.2.2-2 @MQTT-3.8.1-1
      Examples: reserved flags in the fixed header of a SUBSCRIBE
        | packet                                   |
        | a SUBSCRIBE with the reserved flags 0000 |

      @MQTT-2.2.2-2 @MQTT-3.10.1-1
      Examples: reserved flags in the fixed header of an UNSUBSCRIBE
        | packet                                      |
        | an UNSUBSCRIBE with the reserved flags 0000 |

      @MQTT-2.2.2-2 @MQTT-3.6.1-1
      Examples: reserved flags in the fixed header of a PUBREL
        | packet                                |
        | a PUBREL with the reserved flags 0000 |

      @MQTT-3.3.1-4
      Examples: a QoS that does not exist in a PUBLISH
        | packet                           |
        | a PUBLISH with both QoS bits set |

      @MQTT-3.8.3-4
      Examples: a QoS that does not exist, or reserved bits, in a SUBSCRIBE
        | packet                                                |
        | a SUBSCRIBE asking for QoS 3                          |
        | a SUBSCRIBE with the reserved bits of its options set |

      @MQTT-3.8.3-3 @MQTT-4.8.0-1
      Examples: a SUBSCRIBE without a topic filter
        | packet                             |
        | a SUBSCRIBE without a topic filter |

      @MQTT-3.10.3-2 @MQTT-4.8.0-1
      Examples: an UNSUBSCRIBE without a topic filter
        | packet                                |
        | an UNSUBSCRIBE without a topic filter |

      @MQTT-2.3.1-1
      Examples: a QoS 1 PUBLISH without a packet identifier
        | packet                                   |
        | a QoS 1 PUBLISH with packet identifier 0 |

  Rule: Topics are UTF-8 text of at least one character, with wildcards only where they may stand

    Scenario Outline: The broker closes the connection of a client that writes <packet>
      Given the thermostat is connected with MQTT 3.1.1
      When the thermostat writes "<packet>" straight to its connection
      Then the broker closes the thermostat's connection

      @MQTT-1.5.3-1
      Examples: a string that is not UTF-8
        | packet                                 |
        | a PUBLISH to a topic that is not UTF-8 |

      @MQTT-1.5.3-2 @MQTT-4.7.3-2
      Examples: a null character in a string
        | packet                                     |
        | a PUBLISH to a topic with a null character |

      @MQTT-4.7.3-1
      Examples: an empty topic
        | packet                        |
        | a PUBLISH with an empty topic |

      @MQTT-3.3.2-2 @MQTT-4.7.1-1
      Examples: a wildcard in the topic of a PUBLISH
        | packet                               |
        | a PUBLISH to a topic with a wildcard |

      @MQTT-4.7.1-2
      Examples: "#" that is not the last level
        | packet                               |
        | a SUBSCRIBE to factory/#/temperature |

      @MQTT-4.7.1-3
      Examples: "+" that is not a whole level
        | packet                       |
        | a SUBSCRIBE to factory/oven+ |

  Rule: A connection starts with one valid CONNECT

    @MQTT-3.1.0-1
    Scenario: A PUBLISH before any CONNECT gets the connection closed without a CONNACK
      When the thermostat writes a PUBLISH before any CONNECT, with MQTT 3.1.1, by hand
      Then the broker closes the thermostat's connection without a CONNACK

    @MQTT-3.1.2-3 @MQTT-3.1.4-1
    Scenario: A CONNECT with its reserved flag set gets the connection closed without a CONNACK
      When the thermostat writes a CONNECT with the reserved flag set, with MQTT 3.1.1, by hand
      Then the broker closes the thermostat's connection without a CONNACK
