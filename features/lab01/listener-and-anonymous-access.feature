@lab01
Feature: A listener decides who may connect
  A Mosquitto 2.0 broker opens the ports named by its `listener` lines. Whether a client
  without a username may use them is the listener's `allow_anonymous` setting, which is
  false unless you say otherwise. The broker answers every CONNECT with a CONNACK whose code
  says why it was refused, and the code depends on the protocol version the client speaks.
  A broker that lets anyone in belongs on your own machine only: Docker publishes the labs'
  brokers on the loopback interface (127.0.0.1), never on the network you are on.
  A second listener with `protocol websockets` lets WebSocket clients (browsers) in on their
  own port, usually 9001.
  Files: brokers/lab01/mosquitto.conf, brokers/lab01/secured-listener.conf

  Rule: Without allow_anonymous, a client without a username is refused

    @mqtt311 @MQTT-3.2.2-5
    Scenario: The broker refuses an anonymous MQTT 3.1.1 client
      Given a broker running "lab01/secured-listener.conf"
      When the visitor connects anonymously with MQTT 3.1.1
      Then the broker refuses the visitor with CONNACK code 5

    @mqtt5 @MQTT-3.2.2-7 @MQTT-3.2.2-8
    Scenario: The broker refuses an anonymous MQTT 5 client
      Given a broker running "lab01/secured-listener.conf"
      When the visitor connects anonymously with MQTT 5
      Then the broker refuses the visitor with CONNACK code 0x87

  Rule: With allow_anonymous true, anyone may connect and exchange messages

    Scenario: An anonymous client connects and its messages flow
      Given a broker running "lab01/mosquitto.conf"
      When the visitor connects anonymously with MQTT 3.1.1
      Then the broker accepts the visitor
      And the visitor can publish a message and receive it back

  Rule: A broker that lets anyone in is reachable from this machine only

    Scenario: A client on this machine reaches the open broker; the network does not
      Given a broker running "lab01/mosquitto.conf"
      When the visitor connects anonymously with MQTT 3.1.1
      Then the broker accepts the visitor
      And the broker's ports are published on the loopback interface only
      And this machine listens for the broker on its loopback address only

  Rule: WebSocket clients connect on the websockets listener, not on the MQTT port

    Scenario: A WebSocket client connects on the WebSockets port
      Given a broker running "lab01/mosquitto.conf", reachable over WebSockets too
      When the visitor connects over WebSockets
      Then the broker accepts the visitor
      And the visitor can publish a message and receive it back

    Scenario: A WebSocket client on the MQTT port is hung up on
      Given a broker running "lab01/mosquitto.conf", reachable over WebSockets too
      When the visitor connects over WebSockets to the plain MQTT port
      Then the visitor fails to connect, MQTT.js reporting "socket hang up"
