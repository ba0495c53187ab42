@lab15
Feature: Health checks take a broker out of the pool, and put it back
  HAProxy checks each broker every 500 ms by speaking MQTT to it: a CONNECT, and it expects a
  CONNACK that accepts it. Two failures in a row take the broker out of the pool (no new
  connections go there); two successes bring it back. A check that only opens a TCP connection
  misses a broker that accepts connections but answers nothing (frozen, overloaded).
  HAProxy's own view is its statistics page; the brokers' view is where clients land.
  Open-source NGINX has no active checks: it learns that a broker is dead when a client's
  connection to it fails, and passes that client to the next broker.
  Files: brokers/lab15/haproxy.cfg, brokers/lab15/nginx.conf

  Background:
    Given the brokers alpha, bravo and charlie run "lab15/broker.conf"

  Rule: HAProxy's MQTT check takes a dead or frozen broker out, and new clients go to the others

    @mqtt311
    Scenario: A broker that dies is out of the pool within 2 seconds
      Given a load balancer in front of them runs "lab15/haproxy.cfg"
      And the load balancer's health checks have passed on every broker, more than once
      When the bravo broker is killed
      Then the load balancer takes the bravo broker out of its pool within 2 seconds, as its statistics show
      When the meter, the gauge and the pump connect through the load balancer, one after the other
      Then none of the meter, the gauge and the pump landed on the bravo broker

    @mqtt311
    Scenario: A frozen broker, which accepts TCP but answers no CONNECT, is out of the pool within 4 seconds
      Given a load balancer in front of them runs "lab15/haproxy.cfg"
      And the load balancer's health checks have passed on every broker, more than once
      When the bravo broker freezes
      Then the load balancer takes the bravo broker out of its pool within 4 seconds, as its statistics show
      When the meter, the gauge and the pump connect through the load balancer, one after the other
      Then none of the meter, the gauge and the pump landed on the bravo broker

    @mqtt311
    Scenario: A broker that comes back is in the pool again within 2 seconds
      Given a load balancer in front of them runs "lab15/haproxy.cfg"
      And the load balancer's health checks have passed on every broker, more than once
      And the bravo broker was killed and the load balancer took it out of its pool
      When the bravo broker is started again
      Then the load balancer puts the bravo broker back in its pool within 2 seconds, as its statistics show
      When the meter, the gauge and the pump connect through the load balancer, one after the other
      Then the meter, the gauge and the pump each landed on a different broker

  Rule: NGINX's passive check notices a dead broker only through a failed connection

    @mqtt311
    Scenario: NGINX passes the client of a dead broker on to the next one
      Given a load balancer in front of them runs "lab15/nginx.conf"
      When the bravo broker is killed
      And the meter, the gauge and the pump connect through the load balancer, one after the other
      Then none of the meter, the gauge and the pump landed on the bravo broker
      And the load balancer's log says it stopped sending clients to the bravo broker

    @mqtt311
    Scenario: NGINX keeps sending clients to a frozen broker
      Given a load balancer in front of them runs "lab15/nginx.conf"
      When the bravo broker freezes
      And the meter, the gauge and the pump try to connect through the load balancer, one after the other, each giving up after 1.5 seconds
      Then exactly one of the meter, the gauge and the pump got no CONNACK
