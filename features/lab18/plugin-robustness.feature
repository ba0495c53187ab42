@lab18
Feature: Bad answers never crash or hang the broker
  The plugin runs inside the broker's process: a crash there is the broker's crash, a hang is
  every client's hang. So every answer it cannot use is a bounded "no": a host that does not
  exist, bytes that are not HTTP, an answer longer than plugin_opt_max_response_bytes (4096).
  After each, the broker answers the next client at once.
  Files: brokers/lab18/unreachable-service.conf, brokers/lab18/mosquitto.conf, brokers/lab18/auth-service-*.env

  @mqtt5
  Scenario: A service URL whose host does not exist: refused, and the broker answers the next client
    Given the auth service running "lab18/auth-service.env" for the demo users of "lab18/demo-users.txt"
    And a broker running "lab18/unreachable-service.conf" that asks the auth service
    When the sensor tries to log in with its password
    Then the broker refuses the sensor with CONNACK code 0x87 within 1500 ms
    And the broker logged that the auth service gave no answer
    When the dashboard tries to log in with its password
    Then the broker refuses the dashboard with CONNACK code 0x87 within 1500 ms

  @mqtt5
  Scenario: An answer that is not HTTP: refused, and the broker answers the next client
    Given the auth service running "lab18/auth-service-garbage.env" for the demo users of "lab18/demo-users.txt"
    And a broker running "lab18/mosquitto.conf" that asks the auth service
    When the sensor tries to log in with its password
    Then the broker refuses the sensor with CONNACK code 0x87 within 1500 ms
    And the broker logged that the auth service gave no answer
    When the dashboard tries to log in with its password
    Then the broker refuses the dashboard with CONNACK code 0x87 within 1500 ms

  @mqtt5
  Scenario: A 10 MiB answer: cut off at 4096 bytes and refused, and the broker answers the next client
    Given the auth service running "lab18/auth-service-huge.env" for the demo users of "lab18/demo-users.txt"
    And a broker running "lab18/mosquitto.conf" that asks the auth service
    When the sensor tries to log in with its password
    Then the broker refuses the sensor with CONNACK code 0x87 within 1500 ms
    And the broker logged that the auth service gave no answer
    When the dashboard tries to log in with its password
    Then the broker refuses the dashboard with CONNACK code 0x87 within 1500 ms

  Scenario: An option the plugin does not know stops the broker at start, with the plugin's own line
    When a broker is started with "lab18/broken-go-auth-option-names.conf"
    Then the broker refuses to start within 5 seconds, and its log says "http-auth: unknown option plugin_opt_http_getuser_uri"
