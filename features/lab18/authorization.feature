@lab18
Feature: The auth service decides who may publish and subscribe where
  After the login, the plugin asks the service's ACL endpoint at every PUBLISH (acc 2, write),
  every SUBSCRIBE (acc 4) and every message the broker would deliver (acc 1, read); before
  that, the superuser endpoint, whose yes skips the rules. The rules are brokers/lab18/acl.json:
  every user may use devices/<its name>/#, the dashboard may read devices/+/telemetry, the
  operator is a superuser. MQTT 5 answers a denied publish with PUBACK 0x87 and a denied
  subscription with SUBACK 0x87; MQTT 3.1.1 has only SUBACK 0x80 "failure".
  Files: brokers/lab18/acl.json, brokers/lab18/users.json, brokers/lab18/mosquitto.conf

  Background:
    Given the auth service running "lab18/auth-service.env" for the demo users of "lab18/demo-users.txt"
    And a broker running "lab18/mosquitto.conf" that asks the auth service

  Rule: A publish goes through only where a rule lets the user write

    @mqtt5
    Scenario: The sensor's reading reaches the dashboard
      Given the dashboard is logged in and subscribed to "devices/+/telemetry"
      And the sensor is logged in with MQTT 5
      When the sensor publishes "21.5" to "devices/sensor/telemetry" with QoS 1
      Then the dashboard receives "21.5" on "devices/sensor/telemetry"

    @mqtt5 @MQTT-3.4.2-1
    Scenario: The dashboard may read the sensor's topic but not write it: PUBACK 0x87
      Given the sensor is logged in and subscribed to "devices/sensor/#"
      And the dashboard is logged in with MQTT 5
      When the dashboard tries to publish "-40" to "devices/sensor/telemetry" with QoS 1
      Then the broker acknowledges the dashboard's publish with reason code 0x87
      And the sensor receives nothing on "devices/sensor/telemetry"

  Rule: A subscription is refused where no rule lets the user subscribe

    @mqtt5
    Scenario: A subscription wider than the rules is refused with SUBACK 0x87 in MQTT 5
      Given the dashboard is logged in with MQTT 5
      When the dashboard tries to subscribe to "devices/#"
      Then the broker refuses the dashboard's subscription to "devices/#" with SUBACK code 0x87

    @mqtt311
    Scenario: The same subscription is refused with SUBACK 0x80 in MQTT 3.1.1
      Given the dashboard is logged in with MQTT 3.1.1
      When the dashboard tries to subscribe to "devices/#"
      Then the broker refuses the dashboard's subscription to "devices/#" with SUBACK code 0x80

  Rule: A superuser skips the rules

    @mqtt5
    Scenario: The operator may write where no rule names it
      Given the sensor is logged in and subscribed to "devices/sensor/#"
      And the operator is logged in with MQTT 5
      When the operator publishes "recalibrate" to "devices/sensor/commands" with QoS 1
      Then the sensor receives "recalibrate" on "devices/sensor/commands"
