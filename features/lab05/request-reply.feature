@lab05 @mqtt5
Feature: Request and reply over MQTT 5
  Publish/subscribe has no answers: a publisher never learns who got its message. To ask a
  question anyway, an MQTT 5 requester says in its request where to answer (Response Topic) and
  how it will recognise the answer (Correlation Data); the responder publishes its answer there
  and copies the correlation data. The broker passes both properties on unchanged (spec 4.10,
  3.3.2.3.5, 3.3.2.3.6). The requester subscribes to its own response topic before it asks,
  matches answers by correlation data, never by order, and gives up after a timeout, because
  nothing in MQTT tells it that nobody is listening. labs/lab05/request-reply.ts has a Requester
  and a Responder that do exactly this; copy them.
  Files: brokers/lab05/request-reply.conf, brokers/lab05/request-reply.acl (each requester may
  read only its own replies/<client id>), labs/lab05/request-reply.ts

  Background:
    Given a broker running "lab05/request-reply.conf"

  Rule: The correlation data matches each answer to its request; an unanswered request times out

    @MQTT-3.3.2-15 @MQTT-3.3.2-16
    Scenario: Three requests in flight, answered last-first, each get their own answer
      Given the square service answers requests on "services/square" with the square of their number, but only once 3 are waiting, and last-first
      When the dashboard sends the requests "2", "3" and "4" to "services/square" at once
      Then the dashboard's requests get their own answers, although the answers arrived last-first:
        | request | answer |
        | 2       | 4      |
        | 3       | 9      |
        | 4       | 16     |

    Scenario: A request that nobody answers fails after its timeout
      When the dashboard sends the request "2" to "services/square" with a timeout of 500 ms
      Then the dashboard's request fails with a timeout after 500 ms, leaving nothing pending

  Rule: The broker passes the properties on to MQTT 5 clients only, and refuses a response topic with a wildcard

    @mqtt311
    Scenario: An MQTT 3.1.1 subscriber sees the request without its response topic or correlation data
      Given the square service answers each request on "services/square" with the square of its number
      And the auditor listens on "services/#" with MQTT 3.1.1
      When the dashboard sends the request "3" to "services/square"
      Then the dashboard gets the answer "9"
      And the auditor receives "3" on "services/square" without any properties

    @MQTT-3.3.2-14 @mosquitto>=2.0.20
    Scenario: A response topic with a wildcard is a protocol error
      Given the dashboard is connected with MQTT 5
      When the dashboard publishes a request to "services/square" with the response topic "replies/+"
      Then the broker disconnects the dashboard with reason code 0x82

    # Debian 12's Mosquitto 2.0.11 passes such a request on: no responder could ever answer it.
    @mosquitto<2.0.20
    Scenario: Before Mosquitto 2.0.20, a response topic with a wildcard is let through
      Given the dashboard is connected with MQTT 5
      When the dashboard publishes a request to "services/square" with the response topic "replies/+"
      Then the dashboard is still connected

  Rule: The Responder shares the work on a shared subscription, and refuses a connection that could never answer

    
    Scenario: Two responders on a shared subscription answer each request exactly once
      Given the first worker and the second worker share the requests on "$share/workers/services/square", each answering with the square of the number
      When the dashboard sends the requests "2", "3" and "4" to "services/square" at once
      Then the dashboard's requests each get one answer, and the first worker and the second worker both answered some:
        | request | answer |
        | 2       | 4      |
        | 3       | 9      |
        | 4       | 16     |

    @mqtt311
    Scenario: A responder on an MQTT 3.1.1 connection is refused at once instead of never answering
      Given the square service is connected with MQTT 3.1.1
      When the square service tries to answer requests on "services/square"
      Then the square service is refused as a responder, because request/reply needs MQTT 5
