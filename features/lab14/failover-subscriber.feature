@lab14 @mqtt5
Feature: The failover subscriber moves to the next broker and loses nothing on the way
  labs/lab14/failover.ts listens on ONE broker at a time and moves down its list when that
  connection dies. Subscribing only after the move would lose what was published on the next
  broker before the SUBSCRIBE. So before it listens anywhere, it leaves a durable session on
  EVERY broker (clean start 0, session expiry 1 hour, a QoS 1 subscription) and disconnects:
  from then on each backup queues every message for it, and hands the queue over when the
  subscriber resumes the session there. Most of that queue arrived already through the broker
  it listened on: each message carries an id (an MQTT 5 user property, labs/lab14/message-id.ts)
  and a de-duplication store drops what was handed to the application before.
  The bound on a failover, 2 s: a killed broker's connection closes at once, and the move (a
  connection, a CONNACK, a SUBACK on the next broker) took 3 to 40 ms here (summary.md).
  These scenarios run the built app (node build/labs/lab14/failover-subscriber.js).
  Files: labs/lab14/failover.ts, labs/lab14/deduplication-store.ts,
  labs/lab14/failover-subscriber.ts, brokers/lab14/alpha.conf, brokers/lab14/bravo.conf

  Background:
    Given these independent brokers run:
      | broker | config           |
      | alpha  | lab14/alpha.conf |
      | bravo  | lab14/bravo.conf |

  Rule: The subscriber keeps a session on every broker and listens on one

    Scenario: The subscriber prepares a session on bravo, listens on alpha, and gets each message once
      Given the failover subscriber app is started, subscribed to "plant/#"
      When the fan-out publisher app is built and run to publish 3 messages
      Then the failover subscriber app prepared a durable session on bravo and listens on alpha
      And the failover subscriber app delivers messages 1 to 3 of the fan-out publisher app from alpha, each exactly once and in order

  Rule: When its broker dies, the subscriber moves on, and the backup's queue fills the gap

    Scenario: After alpha dies, bravo replays what it queued, and the duplicates are dropped
      Given the failover subscriber app is started, subscribed to "plant/#"
      And the fan-out publisher app has published 3 messages, and the failover subscriber app delivered them
      When the alpha broker is killed
      Then the failover subscriber app fails over to bravo within 2 seconds, and bravo kept its session
      And the failover subscriber app drops the copies of messages 1 to 3 that bravo queued, as duplicates

    # The sensor reached bravo only (for it, alpha was unreachable): those readings exist nowhere
    # else, and reach the subscriber only because bravo queued them in its session. 60 of them:
    # a backup queues EVERYTHING since the subscriber left it, and a long stretch on alpha makes
    # a long queue (max_queued_messages 1000 in bravo.conf). The ids arrive as the sensor sent
    # them: the broker forwards user properties unaltered.
    @MQTT-3.3.2-17
    Scenario: What only bravo got reaches the subscriber after it fails over
      Given the failover subscriber app is started, subscribed to "plant/#"
      When the sensor publishes readings 1 to 60 to "plant/line-1/counter" with message ids and QoS 1 on the bravo broker
      And the alpha broker is killed
      Then the failover subscriber app fails over to bravo within 2 seconds, and bravo kept its session
      And the failover subscriber app delivers readings 1 to 60 from bravo, each exactly once and in order

    # The session must outlive the backup's own crash: alpha.conf and bravo.conf save the
    # database after every change (autosave_on_changes), and a SIGKILL writes nothing. Resuming
    # it, the subscriber is told so: CONNACK session present 1.
    @MQTT-3.2.2-2
    Scenario: A backup that was killed and started again still queues for the subscriber
      Given the failover subscriber app is started, subscribed to "plant/#"
      And the bravo broker is killed
      And the bravo broker is started again
      When the sensor publishes readings 1 to 5 to "plant/line-1/counter" with message ids and QoS 1 on the bravo broker
      And the alpha broker is killed
      Then the failover subscriber app fails over to bravo within 2 seconds, and bravo kept its session
      And the failover subscriber app delivers readings 1 to 5 from bravo, each exactly once and in order

    # A broker that hangs closes nothing: only keepalive finds it. MQTT.js sends a PINGREQ after
    # KEEPALIVE_S of silence and gives up 1.5 x KEEPALIVE_S after the last packet it received:
    # 1.5 s with KEEPALIVE_S=1, so 3 s is the bound from the freeze to the SUBACK on bravo.
    Scenario: A frozen broker is found by keepalive, and the subscriber moves on within 3 seconds
      Given the failover subscriber app is started with a keepalive of 1 second, subscribed to "plant/#"
      When the alpha broker freezes
      And the sensor publishes readings 1 to 5 to "plant/line-1/counter" with message ids and QoS 1 on the bravo broker
      Then the failover subscriber app fails over to bravo within 3 seconds of the freeze, and bravo kept its session
      And the failover subscriber app delivers readings 1 to 5 from bravo, each exactly once and in order

  Rule: The de-duplication store must remember at least what a backup can replay

    # bravo replays everything it queued since the subscriber left it: 5 messages here. A store
    # of 2 ids has forgotten 1 to 3 by then, and each id it takes in pushes out the next one.
    Scenario: A store too small for the backup's queue lets every replayed message through again
      Given the failover subscriber app is started with room for 2 message ids, subscribed to "plant/#"
      And the fan-out publisher app has published 5 messages, and the failover subscriber app delivered them
      When the alpha broker is killed
      Then the failover subscriber app fails over to bravo within 2 seconds, and bravo kept its session
      And the failover subscriber app delivers each of messages 1 to 5 of the fan-out publisher app a second time
