@lab17
Feature: A change made with mosquitto_ctrl takes effect at once, with no restart and no SIGHUP
  The plugin checks every CONNECT, SUBSCRIBE and PUBLISH against its clients and roles as they
  are at that moment, and an administrator changes them while the broker runs. "At once" means
  two things in Mosquitto 2.0. A change that touches no connected client's roles (here the
  default access) is simply there for the next packet: the same connection's next SUBSCRIBE
  meets it. A change to what a connected client may do (an ACL added to or removed from one of
  its roles, a role given or taken, a group joined or left, the client disabled) also ends
  that client's connection, so that nothing it was granted under the old rules lives on: MQTT 5
  clients get a DISCONNECT with reason code 0x98 "administrative action" first, MQTT 3.1.1
  clients just lose the connection. They reconnect and meet the new rules. A durable session
  survives the kick, but without the subscriptions its rights no longer allow (since 2.0.12).
  The figures (mosquitto_ctrl's start to the DISCONNECT, or to the granted SUBACK) are in
  features/lab17/summary.md; each scenario logs its own.
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
      mosquitto_ctrl dynsec addClientRole dashboard viewers
      """

  Rule: A change to no client's roles is met by the next packet, on the same connection

    @mqtt5 @mosquitto>=2.0.12
    Scenario: The default access changes, and the same connection's next SUBSCRIBE is granted
      Given the thermostat is logged in with MQTT 5
      And the thermostat tries to subscribe to "home/#"
      And the broker refuses the thermostat's subscription to "home/#" with SUBACK code 0x87
      When the administrator enters "mosquitto_ctrl dynsec setDefaultACLAccess subscribe allow"
      And the thermostat subscribes to "home/#" again, on the same connection
      Then the thermostat's subscription was granted at most 2000 ms after mosquitto_ctrl started
      And the broker was neither restarted nor reloaded

    # Debian 12 ships 2.0.11, where mosquitto_ctrl's setDefaultACLAccess was broken (fixed in 2.0.12).
    @mqtt5 @mosquitto<2.0.12
    Scenario: Mosquitto 2.0.11: mosquitto_ctrl's setDefaultACLAccess changes nothing, the next SUBSCRIBE is still refused
      Given the thermostat is logged in with MQTT 5
      And the thermostat tries to subscribe to "home/#"
      And the broker refuses the thermostat's subscription to "home/#" with SUBACK code 0x87
      When the administrator enters "mosquitto_ctrl dynsec setDefaultACLAccess subscribe allow"
      And the thermostat tries to subscribe to "home/#"
      Then the broker refuses the thermostat's subscription to "home/#" with SUBACK code 0x87

  Rule: A change to a connected client's rights ends its connection; it comes back under the new rules

    @mqtt5 @MQTT-3.14.2-1
    Scenario: MQTT 5: an ACL added to the thermostat's role disconnects it with 0x98; back, it may subscribe
      Given the thermostat is logged in with MQTT 5
      And the thermostat tries to subscribe to "home/#"
      And the broker refuses the thermostat's subscription to "home/#" with SUBACK code 0x87
      When the administrator enters "mosquitto_ctrl dynsec addRoleACL sensors subscribePattern home/# allow"
      Then the broker disconnects the thermostat with reason code 0x98
      And the thermostat was cut off at most 2000 ms after mosquitto_ctrl started
      When the thermostat is logged in with MQTT 5
      And the thermostat subscribes to "home/#"
      Then the broker was neither restarted nor reloaded
      And the broker logged who changed what:
        """
        | addRoleACL | rolename=sensors | acltype=subscribePattern | topic=home/# | priority=0 | allow=true
        """

    @mqtt311
    Scenario: MQTT 3.1.1: the same change closes the thermostat's connection without a word; back, it may subscribe
      Given the thermostat is logged in with MQTT 3.1.1
      And the thermostat tries to subscribe to "home/#"
      And the broker refuses the thermostat's subscription to "home/#" with SUBACK code 0x80
      When the administrator enters "mosquitto_ctrl dynsec addRoleACL sensors subscribePattern home/# allow"
      Then the broker closes the thermostat's connection
      And the thermostat was cut off at most 2000 ms after mosquitto_ctrl started
      When the thermostat is logged in with MQTT 3.1.1
      And the thermostat subscribes to "home/#"
      Then the broker was neither restarted nor reloaded

    @mqtt5
    Scenario: A role taken from the thermostat takes its right to publish with it
      Given the dashboard is logged in and subscribed to "home/#"
      And the thermostat is logged in with MQTT 5
      When the administrator enters "mosquitto_ctrl dynsec removeClientRole thermostat sensors"
      Then the broker disconnects the thermostat with reason code 0x98
      When the thermostat is logged in with MQTT 5
      And the thermostat tries to publish "21.5" to "home/living/temperature" with QoS 1
      Then the broker acknowledges the thermostat's publish with reason code 0x87
      And the dashboard receives nothing on "home/living/temperature"

    @mqtt5
    Scenario: A change to the thermostat's role leaves the dashboard's connection alone
      Given the dashboard is logged in and subscribed to "home/#"
      And the thermostat is logged in with MQTT 5
      When the administrator enters "mosquitto_ctrl dynsec addRoleACL sensors publishClientSend home/+/humidity allow"
      Then the broker disconnects the thermostat with reason code 0x98
      When the thermostat is logged in with MQTT 5
      And the thermostat publishes "40" to "home/living/humidity" with QoS 1
      Then the dashboard receives "40" on "home/living/humidity"

    @mqtt311
    Scenario: A durable session keeps no subscription its rights no longer allow
      Given the dashboard is logged in with a durable session, subscribed to "home/#"
      And the thermostat is logged in
      When the administrator enters "mosquitto_ctrl dynsec removeClientRole dashboard viewers"
      Then the broker closes the dashboard's connection
      When the dashboard logs in again to its durable session
      Then the broker reports that it kept a session for the dashboard
      When the thermostat publishes "21.5" to "home/living/temperature" with QoS 1
      Then the dashboard receives nothing on "home/living/temperature"

  Rule: A disabled client is cut off at once and refused afterwards

    @mqtt5 @MQTT-3.2.2-8
    Scenario: MQTT 5: disableClient disconnects the thermostat with 0x98, then its CONNECT gets 0x87
      Given the thermostat is logged in with MQTT 5
      When the administrator enters "mosquitto_ctrl dynsec disableClient thermostat"
      Then the broker disconnects the thermostat with reason code 0x98
      And the thermostat was cut off at most 2000 ms after mosquitto_ctrl started
      When the thermostat logs in with its password
      Then the broker refuses the thermostat with CONNACK code 0x87

    @mqtt311 @MQTT-3.2.2-5
    Scenario: MQTT 3.1.1: disableClient closes the thermostat's connection, then its CONNECT gets 5
      Given the thermostat is logged in with MQTT 3.1.1
      When the administrator enters "mosquitto_ctrl dynsec disableClient thermostat"
      Then the broker closes the thermostat's connection
      And the thermostat was cut off at most 2000 ms after mosquitto_ctrl started
      When the thermostat logs in with its password
      Then the broker refuses the thermostat with CONNACK code 5

    @mqtt311
    Scenario: enableClient lets the thermostat back in
      Given the thermostat is logged in with MQTT 3.1.1
      And the administrator enters "mosquitto_ctrl dynsec disableClient thermostat"
      And the broker closes the thermostat's connection
      When the administrator enters "mosquitto_ctrl dynsec enableClient thermostat"
      And the thermostat logs in with its password
      Then the broker accepts the thermostat
