@lab18
Feature: When the auth service fails, the broker fails closed within a bounded time
  The broker now depends on a second service, and a production team must decide what happens
  when it is down, broken or slow. Lab 18's plugin decides "no" (fail closed) whenever it gets
  no 2xx answer within plugin_opt_timeout_ms (2000 ms here), and caches nothing: every check asks
  again, so the service's answer counts the moment it is back, and a revoked user is out at
  once. The price: while the service is away nobody logs in and nothing is published.
  Mosquitto runs the plugin on its one network thread, so the timeout also bounds how long
  every other client waits; clients already connected stay connected.
  Files: brokers/lab18/mosquitto.conf (plugin_opt_timeout_ms), brokers/lab18/auth-service-*.env

  Rule: A service that is down: refused at once, connected clients stay

    @mqtt5
    Scenario: The service is stopped: a new login is refused, the connected sensor stays connected
      Given the auth service running "lab18/auth-service.env" for the demo users of "lab18/demo-users.txt"
      And a broker running "lab18/mosquitto.conf" that asks the auth service
      And the sensor is logged in with MQTT 5
      When the auth service stops
      And the dashboard tries to log in with its password
      Then the broker refuses the dashboard with CONNACK code 0x87 within 3000 ms
      And the broker logged that the auth service gave no answer
      And the sensor is still connected

    @mqtt5
    Scenario: No cache: with the service gone a connected client's publish is refused, and allowed again when it is back
      Given the auth service running "lab18/auth-service.env" for the demo users of "lab18/demo-users.txt"
      And a broker running "lab18/mosquitto.conf" that asks the auth service
      And the dashboard is logged in and subscribed to "devices/+/telemetry"
      And the sensor is logged in with MQTT 5
      When the auth service stops
      And the sensor tries to publish "20.5" to "devices/sensor/telemetry" with QoS 1, answered within 3000 ms
      Then the broker acknowledges the sensor's publish with reason code 0x87
      When the auth service is started again
      And the sensor publishes "21.0" to "devices/sensor/telemetry" with QoS 1
      Then the dashboard receives "21.0" on "devices/sensor/telemetry"

  Rule: A service that answers with an error is a "no"

    @mqtt5
    Scenario: The service answers HTTP 500: the right password is refused
      Given the auth service running "lab18/auth-service-500.env" for the demo users of "lab18/demo-users.txt"
      And a broker running "lab18/mosquitto.conf" that asks the auth service
      When the sensor tries to log in with its password
      Then the broker refuses the sensor with CONNACK code 0x87 within 1500 ms

  Rule: A slow service costs at most the plugin's timeout per question

    @mqtt5
    Scenario: The service answers 5 s late: refused after the 2 s timeout, not after 5 s
      Given the auth service running "lab18/auth-service-slow.env" for the demo users of "lab18/demo-users.txt"
      And a broker running "lab18/mosquitto.conf" that asks the auth service
      When the sensor tries to log in with its password
      Then the broker refuses the sensor with CONNACK code 0x87 within 3000 ms
      And the broker logged that the auth service gave no answer

    @mqtt5
    Scenario: The service freezes: a new login is refused within the timeout, the connected sensor stays
      Given the auth service running "lab18/auth-service.env" for the demo users of "lab18/demo-users.txt"
      And a broker running "lab18/mosquitto.conf" that asks the auth service
      And the sensor is logged in with MQTT 5
      When the auth service freezes
      And the dashboard tries to log in with its password
      Then the broker refuses the dashboard with CONNACK code 0x87 within 3000 ms
      And the sensor is still connected
