@lab01
Feature: Verifying that a broker runs, and why it does not
  Before you debug a client, make sure the broker is what you think it is. Its log says which
  ports it opened; its `$SYS/broker/...` topics say which version runs and for how long. And a
  configuration error stops the broker at once with a message naming the bad line, which
  `docker logs` shows you.
  Files: brokers/lab01/mosquitto.conf, brokers/lab01/broken.conf

  Rule: A running broker tells you what it is

    Scenario: The broker's log shows the port it listens on
      Given a broker running "lab01/mosquitto.conf"
      Then the broker's log shows it listening on port 1883

    Scenario: The broker publishes its version under $SYS
      Given a broker running "lab01/mosquitto.conf"
      When the operator subscribes to "$SYS/broker/version"
      Then the operator learns the broker's version from "$SYS/broker/version"

  Rule: A broken configuration stops the broker with a clear message

    Scenario: A misspelt option stops the broker at start-up
      When a broker is started with "lab01/broken.conf"
      Then the broker refuses to start within 5 seconds, and its log says "Unknown configuration variable"
