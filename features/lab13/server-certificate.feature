@lab13 @tls @mqtt311
Feature: A TLS client trusts the broker through its CA, its name and its dates
  Over TLS the broker shows a certificate, and the client decides whether to believe it: the
  certificate must be signed by a CA the client trusts (MQTT.js `ca`), carry the host name the
  client dialled among its subject alternative names, and be valid today. Any failed check ends
  the handshake before a single MQTT packet, with an error code from the client's TLS library.
  The certificates are made with node-forge when the scenarios run; none is committed.
  Files: brokers/lab13/tls.conf, labs/lab13/tls-client-options.ts

  Rule: A client trusts the broker's certificate only through the CA that signed it

    Scenario: A client that trusts the lab CA connects and exchanges messages
      Given a broker running "lab13/tls.conf" with its certificate from the lab CA
      When the dashboard connects over TLS trusting the lab CA
      Then the broker accepts the dashboard
      And the dashboard can publish a message and receive it back

    Scenario: A client that trusts only the public CAs refuses the broker
      Given a broker running "lab13/tls.conf" with its certificate from the lab CA
      When the dashboard connects over TLS trusting only the system's public CAs
      Then the dashboard fails to connect, MQTT.js reporting "SELF_SIGNED_CERT_IN_CHAIN"

    Scenario: A client that trusts another CA refuses the broker
      Given a broker running "lab13/tls.conf" with its certificate from the lab CA
      When the dashboard connects over TLS trusting another CA
      Then the dashboard fails to connect, MQTT.js reporting "SELF_SIGNED_CERT_IN_CHAIN"

    Scenario: A client with verification turned off connects to a broker it cannot trust
      Given a broker running "lab13/tls.conf" with a certificate that expired yesterday
      When the dashboard connects over TLS with certificate verification turned off
      Then the broker accepts the dashboard

  Rule: The host name the client dials must be on the certificate

    Scenario: A client that dials the broker by IP address refuses the certificate
      Given a broker running "lab13/tls.conf" with its certificate from the lab CA
      When the dashboard connects over TLS to the broker's IP address, trusting the lab CA
      Then the dashboard fails to connect, MQTT.js reporting "ERR_TLS_CERT_ALTNAME_INVALID"

    Scenario: A client that dials the IP address but verifies the host name connects
      Given a broker running "lab13/tls.conf" with its certificate from the lab CA
      When the dashboard connects over TLS to the broker's IP address, trusting the lab CA and naming the broker's host name
      Then the broker accepts the dashboard

    Scenario: A broker that presents another host's certificate is refused
      Given a broker running "lab13/tls.conf" with a lab CA certificate made for another host
      When the dashboard connects over TLS trusting the lab CA
      Then the dashboard fails to connect, MQTT.js reporting "ERR_TLS_CERT_ALTNAME_INVALID"

  Rule: A certificate is trusted only while it is valid

    Scenario: A broker whose certificate expired is refused
      Given a broker running "lab13/tls.conf" with a certificate that expired yesterday
      When the dashboard connects over TLS trusting the lab CA
      Then the dashboard fails to connect, MQTT.js reporting "CERT_HAS_EXPIRED"
