@lab15
Feature: The balancer's idle timeout must be longer than the clients' keepalive
  A TCP load balancer cuts a connection on which nothing moved for its idle timeout (HAProxy's
  `timeout client` / `timeout server`, NGINX's `proxy_timeout`). A quiet MQTT client sends
  only a PINGREQ once per keepalive. With a timeout shorter than the keepalive, every quiet
  client is cut off and reconnects, over and over; 1.5 x the keepalive (the broker's own rule)
  or more keeps it. The keepalive here is 2 seconds, to keep the lab quick.
  Files: brokers/lab15/haproxy-timeout-short.cfg, brokers/lab15/haproxy-keepalive.cfg

  Background:
    Given the brokers alpha, bravo and charlie run "lab15/broker.conf"

  Rule: The idle timeout decides whether a quiet client keeps its connection

    @mqtt311
    Scenario: A timeout of 1 second cuts a quiet client before its first PINGREQ
      Given a load balancer in front of them runs "lab15/haproxy-timeout-short.cfg"
      When the watcher connects through the load balancer with a keepalive of 2 seconds and stays quiet
      Then the load balancer cuts the watcher off within 1.5 seconds, before its first PINGREQ

    @mqtt311
    Scenario: A timeout of 1.5 x the keepalive keeps a quiet client connected
      Given a load balancer in front of them runs "lab15/haproxy-keepalive.cfg"
      When the watcher connects through the load balancer with a keepalive of 2 seconds and stays quiet
      Then the watcher is still connected 4.5 seconds later, having sent nothing but PINGREQs and got a PINGRESP for each
