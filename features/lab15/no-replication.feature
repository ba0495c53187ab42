@lab15
Feature: A load balancer copies no message between brokers
  The balancer chooses a broker per connection and forwards bytes: it does not make the brokers
  one. A subscriber and a publisher that land on different brokers never meet. Brokers that
  should share messages need bridges (lab 16), or publishers that write to every broker and
  subscribers that fail over (lab 14).
  Files: brokers/lab15/haproxy.cfg, brokers/lab15/broker.conf

  Background:
    Given the brokers alpha, bravo and charlie run "lab15/broker.conf"
    And a load balancer in front of them runs "lab15/haproxy.cfg"

  Rule: Only clients on the same broker meet

    @mqtt311
    Scenario: A subscriber and a publisher on different brokers never meet
      Given the dispatcher subscribes to "plant/#" with QoS 1 through the load balancer
      When the sensor publishes "pressure low" to "plant/pump-4" with QoS 1 through the load balancer
      Then the dispatcher and the sensor landed on different brokers
      And the dispatcher receives nothing

    @mqtt311
    Scenario: On the subscriber's own broker, the same message arrives
      Given the dispatcher subscribes to "plant/#" with QoS 1 through the load balancer
      When the sensor publishes "pressure low" to "plant/pump-4" with QoS 1 directly on the dispatcher's broker
      Then the dispatcher receives "pressure low" on "plant/pump-4"
