@lab15
Feature: How a load balancer spreads new connections
  Round robin gives each new connection to the next broker in turn, whatever the brokers
  carry already. Least connections gives it to the broker with the fewest connections now:
  for MQTT, whose connections live for hours, that keeps the load even when clients come and
  go. Where each client landed is read from the brokers' own logs ("New client connected ...
  as <client id>"), not from the balancer.
  Files: brokers/lab15/haproxy.cfg, brokers/lab15/haproxy-leastconn.cfg, brokers/lab15/nginx.conf, brokers/lab15/nginx-least-conn.conf

  Background:
    Given the brokers alpha, bravo and charlie run "lab15/broker.conf"

  Rule: Round robin spreads new connections over the brokers, one each in turn

    @mqtt311
    Scenario Outline: Round robin with <balancer>: three clients, three brokers
      Given a load balancer in front of them runs "<config>"
      When the meter, the gauge and the pump connect through the load balancer, one after the other
      Then the meter, the gauge and the pump each landed on a different broker

      Examples:
        | balancer | config              |
        | HAProxy  | lab15/haproxy.cfg   |
        | NGINX    | lab15/nginx.conf    |

    @mqtt311
    Scenario: Round robin ignores how busy a broker is
      Given a load balancer in front of them runs "lab15/haproxy.cfg"
      And the meter is connected through the load balancer
      When the gauge, the pump, the scale and the valve each connect through the load balancer and leave again, one after the other
      Then at least one of the gauge, the pump, the scale and the valve landed on the meter's broker

  Rule: Least connections sends a new connection to the broker that carries the fewest

    @mqtt311
    Scenario Outline: Least connections with <balancer> keeps new clients off the busy broker
      Given a load balancer in front of them runs "<config>"
      And the meter is connected through the load balancer
      When the gauge, the pump, the scale and the valve each connect through the load balancer and leave again, one after the other
      Then none of the gauge, the pump, the scale and the valve landed on the meter's broker

      Examples:
        | balancer | config                       |
        | HAProxy  | lab15/haproxy-leastconn.cfg  |
        | NGINX    | lab15/nginx-least-conn.conf  |
