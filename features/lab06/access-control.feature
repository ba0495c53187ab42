@lab06
Feature: An ACL decides who may read and write which topics
  Once a client is in, `acl_file` decides what it may do: `topic read|write|readwrite|deny`
  lines under a `user` line are that user's, `pattern` lines apply to every client with `%u`
  (its username) and `%c` (its client id) filled in, and lines before the first `user` line
  are for anonymous clients. Everything no line allows is denied. The broker checks "write"
  when a message comes in and "read" each time it would deliver one; an `acl_file` never
  makes it refuse a SUBSCRIBE (the dynamic security plugin and auth plugins do, with SUBACK
  0x80 / 0x87: labs 17 and 18). A denied publish is dropped: MQTT 3.1.1 has no way to say so
  (the PUBACK looks like success), MQTT 5 answers PUBACK 0x87 "not authorised".
  Files: brokers/lab06/access-control.conf, brokers/lab06/acl, brokers/lab06/users.txt

  Background:
    Given a broker running "lab06/access-control.conf" with a password file made from "lab06/users.txt"

  Rule: A user may publish only where the ACL lets it write

    Scenario: The thermostat's reading reaches the dashboard
      Given the dashboard is logged in
      And the thermostat is logged in
      When the dashboard subscribes to "home/#"
      And the thermostat publishes "21.5" to "home/living/temperature" with QoS 1
      Then the dashboard receives "21.5" on "home/living/temperature"

    @mqtt311 @MQTT-3.3.5-2
    Scenario: A denied MQTT 3.1.1 publish is acknowledged, then silently dropped
      Given the dashboard is logged in
      And the thermostat is logged in with MQTT 3.1.1
      And the dashboard subscribes to "home/#"
      When the thermostat tries to publish "on" to "home/living/lights" with QoS 1
      Then the thermostat gets a PUBACK as if the message had been accepted
      And the dashboard receives nothing on "home/living/lights"

    @mqtt5 @MQTT-3.4.2-1
    Scenario: A denied MQTT 5 publish is answered with PUBACK 0x87
      Given the dashboard is logged in
      And the thermostat is logged in with MQTT 5
      And the dashboard subscribes to "home/#"
      When the thermostat tries to publish "on" to "home/living/lights" with QoS 1
      Then the broker acknowledges the thermostat's publish with reason code 0x87
      And the dashboard receives nothing on "home/living/lights"

  Rule: Reading is checked per message; an acl_file never refuses a SUBSCRIBE

    Scenario: One subscription gets the messages the user may read, and a deny line wins
      Given the dashboard is logged in
      And the thermostat is logged in
      When the dashboard subscribes to "home/#"
      And the thermostat publishes "21.5" to "home/living/temperature" with QoS 1
      And the thermostat publishes "19.0" to "home/bedroom/temperature" with QoS 1
      Then the dashboard receives "21.5" on "home/living/temperature"
      And the dashboard receives nothing on "home/bedroom/temperature"

    Scenario: A subscription the ACL forbids is granted, yet nothing is delivered
      Given the heater is logged in
      And the thermostat is logged in
      When the heater subscribes to "home/#" with QoS 1
      And the thermostat publishes "21.5" to "home/living/temperature" with QoS 1
      Then the broker grants the heater QoS 1 for "home/#"
      And the heater receives nothing on "home/living/temperature"

  Rule: A pattern with %u or %c gives each user or client topics of its own

    Scenario: The thermostat reads and writes its own tree
      Given the thermostat is logged in
      When the thermostat subscribes to "devices/thermostat/#"
      And the thermostat publishes "setpoint 21" to "devices/thermostat/config" with QoS 1
      Then the thermostat receives "setpoint 21" on "devices/thermostat/config"

    Scenario: The thermostat reports its status under its own client id
      Given the dashboard is logged in
      And the thermostat is logged in
      When the dashboard subscribes to "status/#"
      And the thermostat publishes "online" to its own status topic
      Then the dashboard receives "online" on the thermostat's status topic

    Scenario: The heater cannot see the thermostat's tree
      Given the heater is logged in
      And the thermostat is logged in
      When the heater subscribes to "devices/thermostat/#"
      And the thermostat publishes "setpoint 21" to "devices/thermostat/config" with QoS 1
      Then the heater receives nothing on "devices/thermostat/config"

  Rule: The lines before the first user line are what anonymous clients may do

    Scenario: A guest reads the public feed
      Given the dashboard is logged in
      And the guest connects anonymously with MQTT 3.1.1
      When the guest subscribes to "public/#"
      And the dashboard publishes "sunny" to "public/weather" with QoS 1
      Then the guest receives "sunny" on "public/weather"

    Scenario: A guest cannot read the home
      Given the thermostat is logged in
      And the guest connects anonymously with MQTT 3.1.1
      When the guest subscribes to "home/#"
      And the thermostat publishes "21.5" to "home/living/temperature" with QoS 1
      Then the guest receives nothing on "home/living/temperature"
