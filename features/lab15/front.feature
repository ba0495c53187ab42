@lab15
Feature: A TCP load balancer in front of independent brokers
  A load balancer gives clients one address for several brokers: it accepts each TCP
  connection and passes its bytes to one broker of its pool. In TCP mode it does not need to
  speak MQTT. Its configuration is checked by the balancer's own checker before it starts
  (`haproxy -c`, `nginx -t`), so a typo stops it at once with the file and line to fix.
  Files: brokers/lab15/haproxy.cfg, brokers/lab15/nginx.conf, brokers/lab15/broker.conf

  Background:
    Given the brokers alpha, bravo and charlie run "lab15/broker.conf"

  Rule: A configuration the balancer rejects stops it at once, with the balancer's own words

    @mqtt311
    Scenario Outline: A typo in the <balancer> configuration
      When a load balancer in front of them is started with "<config>"
      Then the load balancer refuses to start within 5 seconds, and its log says <message>

      Examples:
        | balancer | config                      | message                                          |
        | HAProxy  | lab15/haproxy-with-typo.cfg | "haproxy-with-typo.cfg:23] : balance only supports" |
        | NGINX    | lab15/nginx-with-typo.conf  | 'unknown directive "proxy_pas" in /etc/nginx/lab/nginx-with-typo.conf:28' |
