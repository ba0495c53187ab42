@lab05
Feature: The will is kept only as the client asked, and published only when the client vanishes
  What the CONNECT says about the will decides what happens to it (spec 3.1.2.5-3.1.2.7): no
  will flag, no will; a will without the retain flag reaches the subscribers who are there when
  it is published, and nobody who subscribes later; a normal DISCONNECT takes it back (MQTT 5:
  a DISCONNECT with reason code 0x00; 0x04 publishes it anyway, see last-will.feature).
  Files: brokers/lab05/wills.conf

  Background:
    Given a broker running "lab05/wills.conf"

  Rule: A will without the retain flag is delivered once, not kept

    Scenario Outline: Without the retain flag, a <protocol> will reaches the dashboard, not a phone that subscribes later
      Given the dashboard subscribes to "devices/+/status" with QoS 1
      And the thermostat is connected with <protocol> and a QoS 1 will "offline" on "devices/thermostat/status"
      When the thermostat's connection drops
      Then the dashboard receives the will "offline" on "devices/thermostat/status" with QoS 1, not flagged as retained
      And the phone, subscribing to "devices/+/status" afterwards, receives nothing on "devices/thermostat/status"

      @mqtt311 @MQTT-3.1.2-8 @MQTT-3.1.2-16
      Examples:
        | protocol   |
        | MQTT 3.1.1 |

      @mqtt5 @MQTT-3.1.2-7 @MQTT-3.1.2-14
      Examples:
        | protocol |
        | MQTT 5   |

  Rule: No will flag, no will; a normal DISCONNECT takes the will back

    @mqtt311 @MQTT-3.1.2-12
    Scenario: A client that left no will leaves nothing behind when its connection drops
      Given the dashboard subscribes to "devices/+/status" with QoS 1
      And the thermostat is connected with MQTT 3.1.1
      When the thermostat's connection drops
      Then the dashboard receives nothing on "devices/thermostat/status"

    @mqtt5 @MQTT-3.14.4-3 @MQTT-3.1.2-10
    Scenario: An MQTT 5 client that disconnects with reason code 0x00 takes its will back
      Given the dashboard subscribes to "devices/+/status" with QoS 1
      And the thermostat is connected with MQTT 5 and a QoS 1 will "offline" on "devices/thermostat/status"
      When the thermostat disconnects
      Then the dashboard receives nothing on "devices/thermostat/status"
