@lab14 @mqtt5
Feature: Zero downtime: every message exactly once while the brokers fail one by one
  The proof of the lab. The fan-out publisher streams numbered messages to alpha and bravo;
  the failover subscriber listens on alpha with a durable session on bravo. The brokers are
  killed (SIGKILL: no goodbye, nothing saved on the way down) and started again, one at a time,
  never both at once: alpha, then bravo, then alpha again. Each kill makes the subscriber move;
  each broker that comes back must still hold the subscriber's session (persistence with
  autosave_on_changes) and queue for it, because the NEXT kill sends the subscriber there.
  The application behind the subscriber must see every message the publisher published
  exactly once, in the publisher's order. The scenario logs the largest gap between two
  deliveries and the failover times (in the report; the figures are in summary.md).
  "One at a time" is checked, not hoped for: a broker is killed only once the other one has
  taken a message again since it came back. Killed any earlier, a message in flight to the
  dying broker may find the other one not yet reconnected, and no broker takes it (the
  publisher then says so: a first draft of this scenario did exactly that).
  Bounds: a failover 2 s (see failover-subscriber.feature), the publisher back on a broker
  that was started again 3 s (it retries every 500 ms), the last deliveries 5 s.
  Files: labs/lab14/, brokers/lab14/alpha.conf, brokers/lab14/bravo.conf

  Background:
    Given these independent brokers run:
      | broker | config           |
      | alpha  | lab14/alpha.conf |
      | bravo  | lab14/bravo.conf |

  Rule: One broker at a time may die: the application loses nothing and sees nothing twice

    Scenario: Alpha, bravo and alpha again are killed and started again under a stream of messages
      Given the failover subscriber app is started, subscribed to "plant/#"
      And the fan-out publisher app streams a message every 20 ms
      And the failover subscriber app has delivered 5 messages
      When the alpha broker is killed
      Then the failover subscriber app fails over to bravo within 2 seconds, and bravo kept its session
      When the alpha broker is started again
      Then within 3 seconds the fan-out publisher app is back on alpha, and alpha takes a message again
      When the bravo broker is killed
      Then the failover subscriber app fails over to alpha within 2 seconds, and alpha kept its session
      When the bravo broker is started again
      Then within 3 seconds the fan-out publisher app is back on bravo, and bravo takes a message again
      When the alpha broker is killed
      Then the failover subscriber app fails over to bravo within 2 seconds, and bravo kept its session
      When the alpha broker is started again
      Then within 3 seconds the fan-out publisher app is back on alpha, and alpha takes a message again
      When the fan-out publisher app is stopped
      Then every message the fan-out publisher app published was taken by at least one broker
      And within 5 seconds the failover subscriber app delivers every one of them exactly once, in the publisher's order
      And the largest gap between two deliveries and the failover times are in the report
