@lab18
Feature: The broker asks an auth service who may log in
  Mosquitto's password_file is read when the broker starts. When the users live somewhere else
  (an identity service, a database), a plugin asks that service instead, at every CONNECT. Here
  the plugin is lab 18's mosquitto_http_auth (C, in the broker image) and the service is
  labs/lab18/auth-service.ts, which keeps only salted scrypt hashes of the passwords. The
  contract is mosquitto-go-auth's HTTP backend: POST JSON, any 2xx allows, anything else denies.
  Mosquitto refuses whom the plugin denies with "not authorized": CONNACK 0x87 in MQTT 5,
  0x05 in MQTT 3.1.1 (not 0x86 "bad user name or password": the plugin cannot say which).
  A client with no username is not the plugin's question: the broker's allow_anonymous decides.
  Files: brokers/lab18/mosquitto.conf, brokers/lab18/users.json, brokers/lab18/auth-service.env

  Background:
    Given the auth service running "lab18/auth-service.env" for the demo users of "lab18/demo-users.txt"
    And a broker running "lab18/mosquitto.conf" that asks the auth service

  Rule: The service checks the password against its stored hash

    @mqtt5
    Scenario: A user with the right password is let in, and the service made the decision
      When the sensor tries to log in with its password
      Then the broker accepts the sensor within 2000 ms
      And the auth service logged the user "sensor" as allowed

    @mqtt5 @MQTT-3.2.2-7 @MQTT-3.2.2-8
    Scenario: A wrong password is refused with CONNACK 0x87 in MQTT 5
      When the sensor connects with a wrong password using MQTT 5
      Then the broker refuses the sensor with CONNACK code 0x87
      And the auth service logged the user "sensor" as denied

    @mqtt311 @MQTT-3.2.2-5
    Scenario: A wrong password is refused with CONNACK 0x05 in MQTT 3.1.1
      When the sensor connects with a wrong password using MQTT 3.1.1
      Then the broker refuses the sensor with CONNACK code 0x05
      And the auth service logged the user "sensor" as denied

    @mqtt5
    Scenario: A user the service does not know is refused like a wrong password
      When the stranger tries to log in as "mallory" with the password of "sensor"
      Then the broker refuses the stranger with CONNACK code 0x87 within 2000 ms
      And the auth service logged the user "mallory" as denied

    @mqtt5
    Scenario: A client with no username is refused by the broker's allow_anonymous false
      When the stranger connects with no username using MQTT 5
      Then the broker refuses the stranger with CONNACK code 0x87

  Rule: Names travel as data: quotes and accents arrive intact, and cannot change the question

    @mqtt5
    Scenario: A username with quotes and accents reaches the service exactly as typed
      When the visitor tries to log in as 'Zoë "Z" O\'Brien' with the password of 'Zoë "Z" O\'Brien'
      Then the broker accepts the visitor within 2000 ms
      And the auth service logged the user 'Zoë "Z" O\'Brien' as allowed

    @mqtt5
    Scenario: A username that tries to smuggle JSON is just an unknown name
      When the intruder tries to log in as 'sensor","password":"x' with the password of "sensor"
      Then the broker refuses the intruder with CONNACK code 0x87 within 2000 ms
      And the auth service logged the user 'sensor","password":"x' as denied

  Rule: Every CONNECT costs one round trip to the service, and the broker waits for it

    @mqtt5
    Scenario: Ten logins in a row, each answered within the plugin's timeout
      When 10 clients log in one after another with the password of "sensor"
      Then each of those logins was answered within 2000 ms
