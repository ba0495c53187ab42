@lab13 @tls @mqtt311
Feature: A TLS version floor, and a plain listener only for the broker's own host
  `tls_version` is the lowest TLS version a listener accepts: a client that offers only older
  versions is refused in the handshake. Old versions have known weaknesses, so raise the floor
  as far as your clients allow. A broker may keep a plain MQTT listener next to its TLS one,
  but only where no network is crossed: bound to the loopback interface, it serves tools on
  the broker's own host while everything else must use TLS.
  A floor, not a fixed version: above a 1.2 floor a client that can speak 1.3 still gets 1.3.
  Files: brokers/lab13/tls13-only.conf, brokers/lab13/tls.conf

  Rule: tls_version is a floor

    Scenario: A client that can speak TLS 1.3 gets TLS 1.3
      Given a broker running "lab13/tls13-only.conf" with its certificate from the lab CA
      When the dashboard connects over TLS trusting the lab CA
      Then the dashboard is connected over "TLSv1.3"

    Scenario: A client that offers at most TLS 1.2 is refused by a TLS 1.3 floor
      Given a broker running "lab13/tls13-only.conf" with its certificate from the lab CA
      When the dashboard connects over TLS offering at most TLS 1.2
      Then the dashboard fails to connect, MQTT.js reporting "alert protocol version"

    Scenario: A client that offers at most TLS 1.2 is accepted by a TLS 1.2 floor
      Given a broker running "lab13/tls.conf" with its certificate from the lab CA
      When the dashboard connects over TLS offering at most TLS 1.2
      Then the dashboard is connected over "TLSv1.2"

    Scenario: Above a TLS 1.2 floor, a client that can speak TLS 1.3 still gets TLS 1.3
      Given a broker running "lab13/tls.conf" with its certificate from the lab CA
      When the dashboard connects over TLS trusting the lab CA
      Then the dashboard is connected over "TLSv1.3"

  Rule: The plain listener is bound to loopback: the broker's host may use it, the network may not

    Scenario: A tool on the broker's host publishes over the plain listener to a TLS subscriber
      Given a broker running "lab13/tls.conf" with its certificate from the lab CA
      And the dashboard is connected over TLS trusting the lab CA
      And the dashboard subscribes to "maintenance/notice"
      When a tool on the broker's own host publishes "backup at 02:00" to "maintenance/notice" over the plain listener
      Then the dashboard receives "backup at 02:00" on "maintenance/notice"

    Scenario: A client from outside cannot use the plain listener
      Given a broker running "lab13/tls.conf" with its certificate from the lab CA
      When the visitor connects to the plain MQTT port from outside the broker
      Then the visitor gets no CONNACK: the connection is cut before MQTT begins
