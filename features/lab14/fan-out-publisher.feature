@lab14 @mqtt5
Feature: The fan-out publisher writes every message to every broker
  If brokers share nothing, the publisher shares for them: labs/lab14/fan-out.ts keeps one
  connection to EACH broker of its list, open at once, and publishes every message at QoS 1 to
  all of them. A broker took a message when its PUBACK came back; the app prints which did. A
  broker that is down is skipped and named, MQTT.js reconnects to it in the background, and it
  takes the next messages once it is back. A message that NO broker took is printed as such and
  makes the app end with exit code 1: never dropped in silence.
  The price: N brokers, N copies on the wire. The brokers' own $SYS counters show it.
  These scenarios run the built app (node build/labs/lab14/fan-out-publisher.js) with
  BROKERS=alpha=<url>,bravo=<url>, the way the summary runs it by hand.
  Files: labs/lab14/fan-out.ts, labs/lab14/fan-out-publisher.ts, brokers/lab14/alpha.conf,
  brokers/lab14/bravo.conf

  Background:
    Given these independent brokers run:
      | broker | config           |
      | alpha  | lab14/alpha.conf |
      | bravo  | lab14/bravo.conf |

  Rule: Every message goes to every broker that is up, and the app says which took it

    Scenario: Both brokers take every message, and a subscriber on either gets them all
      Given the control room subscribes to "plant/#" with QoS 1 on the alpha broker
      And the historian subscribes to "plant/#" with QoS 1 on the bravo broker
      When the fan-out publisher app is built and run to publish 5 messages
      Then the fan-out publisher app reports each of the 5 messages taken by alpha and bravo
      And the control room receives readings 1 to 5 on "plant/line-1/counter", each exactly once and in order
      And the historian receives readings 1 to 5 on "plant/line-1/counter", each exactly once and in order

    Scenario: With bravo down, the publisher keeps going on alpha and names bravo for each message
      Given the control room subscribes to "plant/#" with QoS 1 on the alpha broker
      And the bravo broker is killed
      When the fan-out publisher app is built and run to publish 3 messages
      Then the fan-out publisher app reports each of the 3 messages taken by alpha and missed by bravo
      And the control room receives readings 1 to 3 on "plant/line-1/counter", each exactly once and in order

    # The bound: MQTT.js tries a lost broker again every 500 ms (reconnectPeriod in fan-out.ts);
    # a broker started again answers within a second here. 3 s leaves room for a loaded machine.
    Scenario: A broker that comes back takes the next messages
      Given the fan-out publisher app streams a message every 50 ms
      When the bravo broker is killed
      Then the fan-out publisher app reports a message missed by bravo
      When the bravo broker is started again
      Then the fan-out publisher app reconnects to bravo within 3 seconds
      And the fan-out publisher app reports a later message taken by alpha and bravo

  Rule: A message no broker took is surfaced, never dropped in silence

    Scenario: With both brokers down, the publisher says which messages no broker took
      Given the fan-out publisher app streams a message every 50 ms
      When the alpha broker is killed
      And the bravo broker is killed
      Then the fan-out publisher app reports a message taken by no broker
      When the fan-out publisher app is stopped
      Then the fan-out publisher app ends with exit code 1, counting the messages no broker took

  Rule: Two brokers mean two copies of every message

    # $SYS/broker/publish/messages/received counts the PUBLISH packets a broker received from
    # its clients; the brokers publish it every second (sys_interval 1 in the lab's files).
    Scenario: Each broker counts every message: 20 messages cost 40 publishes
      Given the operator watches "$SYS/broker/publish/messages/received" on every broker
      When the fan-out publisher app is built and run to publish 20 messages
      Then within 3 seconds each broker counts 20 more publishes received, 40 in all for 20 messages
