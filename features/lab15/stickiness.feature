@lab15
Feature: A session lives on one broker, so a durable client must come back to it
  The brokers behind the balancer share nothing: a durable session (its subscriptions, its
  queued messages) exists only on the broker where it was made. A client that reconnects must
  land on that broker again, or it finds no session. Sticking on the source address works
  while every client has an address of its own; behind a NAT (and for every client of this
  test process, which all reach the balancer through Docker's port publishing) they share one,
  and all land on one broker. HAProxy can read the MQTT client id out of the CONNECT packet and
  stick on that instead; open-source NGINX cannot.
  Files: brokers/lab15/haproxy.cfg, brokers/lab15/haproxy-stick-src.cfg, brokers/lab15/haproxy-stick-client-id.cfg, brokers/lab15/nginx-hash-address.conf

  Background:
    Given the brokers alpha, bravo and charlie run "lab15/broker.conf"

  Rule: Without stickiness, a reconnecting client lands elsewhere and its session is gone

    @mqtt311 @MQTT-3.2.2-3
    Scenario: Round robin sends a durable client's reconnection to another broker
      Given a load balancer in front of them runs "lab15/haproxy.cfg"
      And the meter has a durable session through the load balancer, subscribed to "plant/#" with QoS 1
      When the meter reconnects through the load balancer, asking to resume its durable session
      Then the meter landed on another broker than before
      And the broker reports that it kept no session for the meter

  Rule: Stickiness on the source address keeps each address on one broker

    @mqtt311
    Scenario: Devices with addresses of their own each stay on their broker
      Given a load balancer in front of them runs "lab15/haproxy-stick-src.cfg"
      And the press and the lathe run on machines of their own on the network
      When the press and the lathe each connect through the load balancer twice from their machines
      Then the press landed on the same broker as before
      And the lathe landed on the same broker as before
      And the press and the lathe landed on different brokers

    @mqtt311
    Scenario Outline: Behind one address, stickiness on the address puts every client on one broker (<balancer>)
      Given a load balancer in front of them runs "<config>"
      When the meter, the gauge and the pump connect through the load balancer, one after the other
      Then the meter, the gauge and the pump all landed on the same broker

      Examples:
        | balancer | config                         |
        | HAProxy  | lab15/haproxy-stick-src.cfg    |
        | NGINX    | lab15/nginx-hash-address.conf  |

  Rule: Stickiness on the MQTT client id brings each client back to its session, whatever its address

    @mqtt311 @MQTT-3.2.2-2
    Scenario: A durable client comes back to its session, and other clients still spread
      Given a load balancer in front of them runs "lab15/haproxy-stick-client-id.cfg"
      And the meter has a durable session through the load balancer, subscribed to "plant/#" with QoS 1
      And the gauge is connected through the load balancer
      When the meter reconnects through the load balancer, asking to resume its durable session
      Then the meter landed on the same broker as before
      And the broker reports that it kept a session for the meter
      And the meter and the gauge landed on different brokers
