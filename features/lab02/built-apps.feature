@lab02
Feature: The publisher and subscriber apps, built and then run
  Lab 2's apps are programs you build once and run many times: `npm run build` compiles
  labs/lab02/publisher.ts and subscriber.ts into build/labs/lab02/, and
  `node build/labs/lab02/subscriber.js` runs one. Environment variables say which broker, topic
  and QoS to use, so the same artefact runs against any broker; each app prints one line per
  thing it does. These scenarios run the artefacts exactly that way, against the lab's broker,
  and read what they print.
  Files: labs/lab02/publisher.ts, labs/lab02/subscriber.ts, brokers/lab02/mosquitto.conf

  Background:
    Given a broker running "lab02/mosquitto.conf"

  Rule: The publisher app publishes what its environment asks for, and waits for what its QoS promises

    Scenario Outline: The publisher app's reading at QoS <qos> reaches a subscriber, confirmed by <confirmation>
      Given the dashboard subscribes to "home/+/temperature" with QoS 2
      When the publisher app is built and run against the broker to publish "21.5" to "home/living/temperature" with QoS <qos>
      Then the dashboard receives "21.5" on "home/living/temperature"
      And the publisher app reports that it published "21.5" to "home/living/temperature" at QoS <qos>, confirmed by <confirmation>

      Examples:
        | qos | confirmation |
        | 0   | nothing      |
        | 1   | PUBACK       |
        | 2   | PUBCOMP      |

  Rule: The subscriber app prints every message its filter matches, and nothing else

    Scenario: The subscriber app prints a reading its wildcard matches, and not one it does not
      Given the subscriber app is built and started against the broker, subscribed to "home/+/temperature"
      When the thermostat publishes "8.5" to "garden/temperature"
      And the thermostat publishes "19.0" to "home/kitchen/temperature"
      Then the subscriber app prints that it received "19.0" on "home/kitchen/temperature", and nothing before it

    Scenario: The publisher app and the subscriber app talk through the broker
      Given the subscriber app is built and started against the broker, subscribed to "home/#"
      When the publisher app is built and run against the broker to publish "21.5" to "home/living/temperature" with QoS 1
      Then the subscriber app prints that it received "21.5" on "home/living/temperature"

    # Ctrl-C, or SIGTERM from a service manager: the app sends DISCONNECT before it exits, so
    # the broker knows the goodbye was planned (no last will, lab 5).
    Scenario: A subscriber app that is stopped leaves with a DISCONNECT
      Given the subscriber app is built and started against the broker, subscribed to "home/#"
      When the subscriber app is stopped
      Then the subscriber app says it disconnected, and ends without an error
