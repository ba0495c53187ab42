@lab01
Feature: Persistence keeps the broker's memory across a restart
  Retained messages, durable sessions and the messages queued for offline clients live in
  the broker's memory. With `persistence true`, Mosquitto saves them to
  `persistence_location/mosquitto.db` when it shuts down and loads them when it starts;
  without it, a restart forgets everything. The database is a file in that directory: a new
  container has a new, empty directory (unless you mount a volume there), so it starts with no
  retained message and no session. Every scenario of this curriculum relies on that: each one
  gets brokers as new as a fresh `docker run` of the lab's files.
  Files: brokers/lab01/persistence.conf, brokers/lab01/mosquitto.conf

  Rule: With persistence, retained messages and queued messages survive a restart

    Scenario: A retained message survives a restart
      Given a broker running "lab01/persistence.conf"
      And the thermostat has published the retained value "21.5" to "home/living/temperature"
      When the broker restarts
      And the dashboard subscribes to "home/living/temperature"
      Then the dashboard receives "21.5" on "home/living/temperature" flagged as retained

    Scenario: A message queued for an offline durable session survives a restart
      Given a broker running "lab01/persistence.conf"
      And the logger has a durable session subscribed to "alerts/#" with QoS 1
      And the logger disconnects
      And the smoke detector is connected
      And the smoke detector publishes "smoke in the kitchen" to "alerts/kitchen" with QoS 1
      When the broker restarts
      And the logger reconnects to its durable session
      Then the broker reports that it kept a session for the logger
      And the logger receives "smoke in the kitchen" on "alerts/kitchen"

  Rule: Without persistence, a restart forgets everything

    Scenario: A retained message is gone after a restart
      Given a broker running "lab01/mosquitto.conf"
      And the thermostat has published the retained value "21.5" to "home/living/temperature"
      When the broker restarts
      And the dashboard subscribes to "home/living/temperature"
      Then the dashboard receives nothing on "home/living/temperature"

    Scenario: A durable session is gone after a restart
      Given a broker running "lab01/mosquitto.conf"
      And the logger has a durable session subscribed to "alerts/#" with QoS 1
      And the logger disconnects
      When the broker restarts
      And the logger reconnects to its durable session
      Then the broker reports that it kept no session for the logger

  Rule: A new container starts empty, even with persistence: the database lives in its directory

    Scenario: A broker started anew from the same files has forgotten everything
      Given a broker running "lab01/persistence.conf"
      And the thermostat has published the retained value "21.5" to "home/living/temperature"
      And the logger has a durable session subscribed to "alerts/#" with QoS 1
      And the broker has saved its database
      When the broker is replaced by a new one from the same files
      Then the new broker's persistence directory is empty
      And the logger reconnects to its durable session
      And the broker reports that it kept no session for the logger
      And the dashboard subscribes to "#"
      And the dashboard receives nothing
