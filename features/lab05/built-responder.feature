@lab05 @mqtt5
Feature: The square service and the requester, built and then run
  labs/lab05/responder.ts is a service built around the Responder of request-reply.ts: it
  answers each request on services/square with the square of its number. `npm run build`
  compiles it into build/labs/lab05/responder.js, and `node build/labs/lab05/responder.js` runs
  it, configured by environment variables; labs/lab05/requester.ts asks it one question and
  prints the answer. These scenarios run both artefacts that way against the lab's broker.
  Files: labs/lab05/responder.ts, labs/lab05/requester.ts, labs/lab05/request-reply.ts,
  brokers/lab05/request-reply.conf, brokers/lab05/request-reply.acl

  Background:
    Given a broker running "lab05/request-reply.conf"

  Rule: The built square service answers every requester, over the broker

    Scenario: The square service app answers a request of the dashboard
      Given the square service app is built and started against the broker
      When the dashboard sends the request "3" to "services/square"
      Then the dashboard gets the answer "9"
      And the square service app reports that it answered "3" with "9"

    Scenario: The requester app gets its answer from the square service app
      Given the square service app is built and started against the broker
      When the requester app is built and run against the broker to ask "4" on "services/square"
      Then the requester app prints the answer "16"

    # The Responder answers a request its handler cannot handle with an error answer, so the
    # requester fails now instead of waiting for its timeout.
    Scenario: A request that is no number fails at once instead of timing out
      Given the square service app is built and started against the broker
      When the requester app is built and run against the broker to ask "four" on "services/square"
      Then the requester app fails at once, because the square service could not answer

  Rule: A stopped service answers nothing: the requester's timeout is all that tells

    Scenario: After the square service app is stopped, a request times out
      Given the square service app is built and started against the broker
      When the square service app is stopped
      And the dashboard sends the request "2" to "services/square" with a timeout of 500 ms
      Then the square service app says it disconnected, and ends without an error
      And the dashboard's request fails with a timeout after 500 ms, leaving nothing pending
