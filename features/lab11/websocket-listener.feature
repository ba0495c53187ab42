@lab11 @mqtt311
Feature: A WebSockets listener carries MQTT inside WebSocket frames
  A `protocol websockets` listener first speaks HTTP: the client asks to upgrade the
  connection to a WebSocket and names the subprotocol it will speak, `mqtt`. After the upgrade
  every MQTT packet travels in binary WebSocket frames. A plain MQTT listener knows nothing of
  HTTP, and a WebSockets listener nothing of raw MQTT: each client must dial the port of its
  own transport. The same listener also serves the files of its `http_dir`, and only those.
  Files: brokers/lab11/websockets.conf

  Background:
    Given a broker running "lab11/websockets.conf" that serves the dashboard page

  Rule: MQTT over WebSockets is MQTT, once the client asks for the mqtt subprotocol

    Scenario: A Node client on the WebSockets port exchanges messages with a TCP client
      Given the display is connected over WebSockets
      And the display subscribes to "home/living/temperature"
      When the thermostat publishes "21.5" to "home/living/temperature"
      Then the display receives "21.5" on "home/living/temperature"

    Scenario: A WebSocket that does not ask for the mqtt subprotocol is never answered
      When the visitor connects over WebSockets without asking for the "mqtt" subprotocol
      Then the visitor's WebSocket opens, but its CONNECT gets no CONNACK within 2 seconds

  Rule: Each listener speaks one transport

    Scenario: Each client connects on the port of its own transport
      When the thermostat connects anonymously with MQTT 3.1.1
      And the display connects over WebSockets
      Then the broker accepts the thermostat
      And the broker accepts the display

    Scenario: A plain MQTT client on the WebSockets port gets an HTTP answer it cannot read
      When the visitor connects with plain MQTT to the WebSockets port
      Then the visitor fails to connect, MQTT.js reporting "Invalid header flag bits"

    Scenario: A WebSocket client on the plain MQTT port is hung up on
      When the visitor connects over WebSockets to the plain MQTT port
      Then the visitor fails to connect, MQTT.js reporting "socket hang up"

  Rule: http_dir serves the page's files, and nothing else

    Scenario: The broker serves the dashboard page and the MQTT.js bundle it loads
      When the operator fetches the dashboard page from the broker's WebSockets port
      Then the broker serves the dashboard page
      And the broker serves the MQTT.js browser bundle from the installed mqtt package

    Scenario: The broker does not serve its own configuration file
      When the operator asks the broker's WebSockets port for the broker's configuration file
      Then the broker answers "404 Not Found"
