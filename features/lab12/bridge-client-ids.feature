@lab12
Feature: Every edge needs a bridge client id of its own
  A bridge is a client of the cloud broker, and `remote_clientid` is its client id. A new site
  is often set up by copying another site's files; if the id stays, the cloud sees one client
  connecting from two places. Each connect takes the session over and closes the other bridge
  (spec 3.1.4), which reconnects after `restart_timeout` and closes the first: the two edges
  kick each other off for as long as both run, and each drop can lose what was in flight. The
  cloud's log shows "already connected, closing old connection" every two to four seconds.
  Files: brokers/lab12/edge-hamburg.conf, brokers/lab12/edge-munich.conf, brokers/lab12/edge-cloned.conf

  Background:
    Given the cloud runs "lab12/cloud.conf"

  Rule: Two edges with one remote_clientid take the session from each other in turns

    @mqtt311 @MQTT-3.1.4-2
    Scenario: A cloned edge keeps knocking the original edge off the cloud
      Given the hamburg broker runs "lab12/edge-hamburg.conf", bridged to the cloud
      When the munich broker runs "lab12/edge-cloned.conf"
      Then within 10 seconds the hamburg broker reports its bridge to the cloud as down 2 times

    @mqtt311
    Scenario: Edges with their own ids stay connected side by side
      Given the hamburg broker runs "lab12/edge-hamburg.conf", bridged to the cloud
      When the munich broker runs "lab12/edge-munich.conf", bridged to the cloud
      Then the hamburg broker and the munich broker report their bridges to the cloud as connected throughout 4 seconds
