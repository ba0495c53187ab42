@lab04
Feature: The broker queues a limited number of messages for a client that is away
  While a client with a durable session is offline, the broker stores the QoS 1 and 2
  messages that match its subscriptions (spec 3.1.2.4 in MQTT 3.1.1, 4.1 in MQTT 5) and
  delivers them, in order, when it comes back. A broker with thousands of devices that may be
  offline for days cannot keep everything: Mosquitto's `max_queued_messages` caps the queue of
  each client (here 3) and drops NEW messages once it is full, so the client gets the oldest
  ones. QoS 0 messages are not queued at all unless `queue_qos0_messages` is true (the spec
  makes them an optional part of the session state, section 4.1). With `persistence true`,
  the queues survive a broker restart.
  Files: brokers/lab04/offline-queue.conf, brokers/lab04/offline-queue-qos0.conf

  Rule: An offline client gets at most max_queued_messages messages, the oldest ones

    @mqtt311 @MQTT-3.1.2-5 @MQTT-4.6.0-5 @MQTT-4.6.0-6
    Scenario: A client away for more messages than the limit gets only the oldest ones
      Given a broker running "lab04/offline-queue.conf"
      And the logger is offline with a durable session subscribed to "meters/power" with QoS 1
      When the power meter publishes readings 1 to 5 to "meters/power" with QoS 1
      And the logger reconnects to its durable session
      Then the logger receives readings 1 to 3 on "meters/power", in order, and nothing else

    @mqtt311
    Scenario: The capped queue survives a broker restart as it was
      Given a broker running "lab04/offline-queue.conf"
      And the logger is offline with a durable session subscribed to "meters/power" with QoS 1
      When the power meter publishes readings 1 to 5 to "meters/power" with QoS 1
      And the broker restarts
      And the logger reconnects to its durable session
      Then the logger receives readings 1 to 3 on "meters/power", in order, and nothing else

  Rule: QoS 0 messages are queued for an offline client only with queue_qos0_messages true

    @mqtt311 @MQTT-3.1.2-5
    Scenario: By default a QoS 0 message published while the client is away is lost
      Given a broker running "lab04/offline-queue.conf"
      And the logger is offline with a durable session subscribed to "meters/power" with QoS 1
      When the power meter publishes "reading 1" to "meters/power" with QoS 0
      And the power meter publishes "reading 2" to "meters/power" with QoS 1
      And the logger reconnects to its durable session
      Then the logger receives only "reading 2" on "meters/power"

    @mqtt311
    Scenario: With queue_qos0_messages the QoS 0 message waits for the client too
      Given a broker running "lab04/offline-queue-qos0.conf"
      And the logger is offline with a durable session subscribed to "meters/power" with QoS 1
      When the power meter publishes "reading 1" to "meters/power" with QoS 0
      And the power meter publishes "reading 2" to "meters/power" with QoS 1
      And the logger reconnects to its durable session
      Then the logger receives "reading 1" and then "reading 2" on "meters/power"
