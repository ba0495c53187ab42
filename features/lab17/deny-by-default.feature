@lab17
Feature: Dynamic security denies what no role allows, and says so
  The dynamic security plugin keeps clients, groups and roles in one JSON file and decides for
  them while the broker runs. A client gets its rights from its roles, its own or its groups';
  what no role's ACL decides, `defaultACLAccess` decides. The lab's file writes it out:
  publishClientSend false and subscribe false (deny by default), publishClientReceive true and
  unsubscribe true. Unlike lab 6's `acl_file`, which grants every SUBSCRIBE and then delivers
  nothing, the plugin refuses a SUBSCRIBE no role allows: SUBACK 0x80 in MQTT 3.1.1, 0x87 "not
  authorised" in MQTT 5. A denied MQTT 5 publish gets PUBACK 0x87.
  The administrator's lines run in the broker's container (docker exec) as
  `mosquitto_ctrl -u admin -P dynsec-admin-demo dynsec ...`: the admin client and its role are
  the only ones in the committed file.
  Files: brokers/lab17/dynamic-security.conf, brokers/lab17/dynamic-security.json

  Background:
    Given a broker running "lab17/dynamic-security.conf"
    And the administrator has run:
      """
      mosquitto_ctrl dynsec createClient thermostat -p warm-and-cosy
      mosquitto_ctrl dynsec createRole sensors
      mosquitto_ctrl dynsec addRoleACL sensors publishClientSend home/+/temperature allow
      mosquitto_ctrl dynsec addClientRole thermostat sensors
      mosquitto_ctrl dynsec createClient dashboard -p shows-everything
      mosquitto_ctrl dynsec createRole viewers
      mosquitto_ctrl dynsec addRoleACL viewers subscribePattern home/# allow
      mosquitto_ctrl dynsec createGroup displays
      mosquitto_ctrl dynsec addGroupRole displays viewers
      mosquitto_ctrl dynsec addGroupClient displays dashboard
      """

  Rule: A role's ACL lets a client do what it names, its group's roles too

    Scenario: The thermostat's reading reaches the dashboard through their roles
      Given the dashboard is logged in and subscribed to "home/#"
      And the thermostat is logged in
      When the thermostat publishes "21.5" to "home/living/temperature" with QoS 1
      Then the dashboard receives "21.5" on "home/living/temperature"

  Rule: A SUBSCRIBE no role allows is refused in the SUBACK

    @mqtt311 @MQTT-3.9.3-2
    Scenario: MQTT 3.1.1: the thermostat may not subscribe, and the SUBACK says 0x80
      Given the thermostat is logged in with MQTT 3.1.1
      When the thermostat tries to subscribe to "home/#"
      Then the broker refuses the thermostat's subscription to "home/#" with SUBACK code 0x80

    @mqtt5 @MQTT-3.9.3-2
    Scenario: MQTT 5: the thermostat may not subscribe, and the SUBACK says 0x87 not authorised
      Given the thermostat is logged in with MQTT 5
      When the thermostat tries to subscribe to "home/#"
      Then the broker refuses the thermostat's subscription to "home/#" with SUBACK code 0x87

  Rule: A PUBLISH no role allows is dropped; MQTT 5 says so in the PUBACK

    @mqtt5 @MQTT-3.4.2-1
    Scenario: MQTT 5: the thermostat's publish outside its role gets PUBACK 0x87 and reaches no one
      Given the dashboard is logged in and subscribed to "home/#"
      And the thermostat is logged in with MQTT 5
      When the thermostat tries to publish "on" to "home/living/lights" with QoS 1
      Then the broker acknowledges the thermostat's publish with reason code 0x87
      And the dashboard receives nothing on "home/living/lights"

    @mqtt311
    Scenario: MQTT 3.1.1: the same publish is acknowledged as if accepted, and dropped
      Given the dashboard is logged in and subscribed to "home/#"
      And the thermostat is logged in with MQTT 3.1.1
      When the thermostat tries to publish "on" to "home/living/lights" with QoS 1
      Then the thermostat gets a PUBACK as if the message had been accepted
      And the dashboard receives nothing on "home/living/lights"

  Rule: Only clients the plugin knows get in

    Scenario Outline: A client with <credentials> is refused with CONNACK <code> in <protocol>
      When the thermostat connects with <credentials> using <protocol>
      Then the broker refuses the thermostat with CONNACK code <code>

      @mqtt311
      Examples:
        | credentials      | protocol   | code |
        | a wrong password | MQTT 3.1.1 | 5    |
        | no username      | MQTT 3.1.1 | 5    |

      @mqtt5
      Examples:
        | credentials      | protocol | code |
        | no username      | MQTT 5   | 0x87 |
