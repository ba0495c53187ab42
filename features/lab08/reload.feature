@lab08
Feature: Changing users and permissions without a restart
  A restart drops every connection and, without persistence, every session. For the password
  file and the ACL there is no need: after SIGHUP (`kill -HUP <pid>`, `docker kill -s HUP
  <container>`, `systemctl reload mosquitto`) Mosquitto reads both files again and applies them
  to new AND existing connections. Edit the password file with `mosquitto_passwd -b` (add or
  change) and `-D` (delete) in place; copy a new ACL over the old one and keep it owned by
  user mosquitto. A reload never opens or closes a listener, nor adds or removes a bridge or a
  plugin: those need a restart. It does reload the TLS certificate and key of each TLS
  listener and re-initialises the auth plugins already loaded (labs 13 and 18).
  Files: brokers/lab08/managed.conf, brokers/lab08/acl, brokers/lab08/acl-after-reload,
  brokers/lab08/managed-with-second-listener.conf

  Background:
    Given a broker running "lab08/managed.conf" with a password file made from "lab08/users.txt"

  Rule: After SIGHUP the broker checks logins against the edited password file

    Scenario: A user added with mosquitto_passwd -b can log in after the reload
      When the operator adds the heater with password "burns-bright" using mosquitto_passwd -b
      And the operator sends SIGHUP to the broker
      Then the heater can log in with its password

    Scenario: A user deleted with mosquitto_passwd -D is disconnected and cannot log in again
      Given the thermostat is logged in
      When the operator deletes the thermostat using mosquitto_passwd -D
      And the operator sends SIGHUP to the broker
      Then the broker closes the thermostat's connection
      And the thermostat's next login is refused with CONNACK code 5

  Rule: After SIGHUP the new ACL applies to clients that are already connected

    Scenario: The connected thermostat may publish where the new ACL lets it
      Given the thermostat is logged in with MQTT 5
      And the dashboard is logged in and subscribed to "site/#"
      When the operator copies "acl-after-reload" over "acl"
      And the operator sends SIGHUP to the broker
      And the thermostat publishes "21.5" to "site/living/temperature" with QoS 1
      Then the dashboard receives "21.5" on "site/living/temperature"

    @mqtt5
    Scenario: The connected thermostat loses what the new ACL no longer allows, but stays connected
      Given the thermostat is logged in with MQTT 5
      When the operator copies "acl-after-reload" over "acl"
      And the operator sends SIGHUP to the broker
      And the thermostat tries to publish "21.5" to "home/living/temperature" with QoS 1
      Then the broker acknowledges the thermostat's publish with reason code 0x87
      And the thermostat is still connected

  Rule: A reload rereads the configuration file, but never opens or closes a listener

    Scenario: A listener added to the configuration stays closed after SIGHUP
      When the operator copies "managed-with-second-listener.conf" over "managed.conf"
      And the operator sends SIGHUP to the broker
      Then the listener that "managed-with-second-listener.conf" adds is not open
      But the thermostat can log in with its password
