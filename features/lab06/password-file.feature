@lab06
Feature: A password file decides who may connect
  Anyone who can reach a listener can send a CONNECT. With `password_file`, Mosquitto checks
  the username and password in it against a file of salted hashes, and `allow_anonymous false`
  turns away clients that send no username at all. You never write that file by hand:
  `mosquitto_passwd -c passwd thermostat` creates it, `-b passwd heater s3cret` adds or changes
  a user without a prompt, `-D passwd heater` deletes one, and `-U passwd` hashes a file of
  plain `user:password` lines in place, which is how these scenarios make it at broker start.
  A refusal is a CONNACK, and its code depends on the protocol version: Mosquitto answers
  "not authorised" (5 in MQTT 3.1.1, 0x87 in MQTT 5) for a wrong password too, never the
  "bad username or password" codes 4 / 0x86. MQTT 3.1.1 section 3.2.2.3, MQTT 5 section 3.2.2.2.
  Files: brokers/lab06/passwords.conf, brokers/lab06/users.txt (demo input, plain text)

  Background:
    Given a broker running "lab06/passwords.conf" with a password file made from "lab06/users.txt"

  Rule: Only the right password gets a client in; the broker stores only a hash of it

    Scenario: The thermostat logs in with its password
      When the thermostat logs in with its password
      Then the broker accepts the thermostat
      And the password file holds a salted hash for the thermostat, not its password

    Scenario Outline: A client with <credentials> is refused with CONNACK <code> in <protocol>
      When the thermostat connects with <credentials> using <protocol>
      Then the broker refuses the thermostat with CONNACK code <code>
      And MQTT.js reports the refusal to the thermostat as an error with code <code>

      @mqtt311 @MQTT-3.2.2-5
      Examples: MQTT 3.1.1 says "not authorised" with return code 5
        | credentials      | protocol   | code |
        | a wrong password | MQTT 3.1.1 | 5    |
        | no username      | MQTT 3.1.1 | 5    |

      @mqtt5 @MQTT-3.2.2-7 @MQTT-3.2.2-8
      Examples: MQTT 5 says "not authorised" with reason code 0x87
        | credentials      | protocol | code |
        | a wrong password | MQTT 5   | 0x87 |
        | no username      | MQTT 5   | 0x87 |
