@lab13 @tls @mqtt311
Feature: Mutual TLS: every device proves who it is with its own certificate
  With `require_certificate true` the broker asks each client for a certificate signed by the
  CA in its `cafile`; a client without one, or with one from another CA, fails the handshake.
  With `use_identity_as_username true` the certificate's Common Name becomes the client's MQTT
  username, so an ACL can name devices: a password in CONNECT changes nothing.
  Files: brokers/lab13/mutual-tls.conf, brokers/lab13/devices.acl

  Background:
    Given a broker running "lab13/mutual-tls.conf" with its certificate from the lab CA

  Rule: require_certificate true lets in only clients with a certificate from the CA

    Scenario: A device with a certificate from the lab CA connects
      When the kitchen sensor connects over TLS with its device certificate
      Then the broker accepts the kitchen sensor

    Scenario: A client without a certificate fails the handshake
      When the visitor connects over TLS without a client certificate
      Then the visitor fails to connect, MQTT.js reporting "ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED"

    Scenario: A device with a certificate from another CA fails the handshake
      When the kitchen sensor connects over TLS with a device certificate from another CA
      Then the kitchen sensor fails to connect, MQTT.js reporting "ERR_SSL_TLSV1_ALERT_UNKNOWN_CA"

  Rule: The certificate's CN is the username, and the ACL applies to it

    Scenario: A sensor publishes below its own name and the dashboard reads it
      Given the dashboard is connected over TLS with its device certificate
      And the dashboard subscribes to "sensors/#"
      And the kitchen sensor is connected over TLS with its device certificate
      When the kitchen sensor publishes "21.5" to "sensors/kitchen-sensor/temperature" with QoS 1
      Then the dashboard receives "21.5" on "sensors/kitchen-sensor/temperature"

    Scenario: A sensor may not publish below another sensor's name
      Given the dashboard is connected over TLS with its device certificate
      And the dashboard subscribes to "sensors/#"
      And the garage sensor is connected over TLS with its device certificate
      When the garage sensor tries to publish "3.0" to "sensors/kitchen-sensor/temperature" with QoS 1
      Then the dashboard receives nothing on "sensors/kitchen-sensor/temperature"

    Scenario: A username in CONNECT does not change who the certificate says you are
      Given the dashboard is connected over TLS with its device certificate
      And the dashboard subscribes to "sensors/#"
      And the garage sensor connects over TLS with its device certificate and claims the username "kitchen-sensor"
      When the garage sensor tries to publish "3.0" to "sensors/kitchen-sensor/temperature" with QoS 1
      Then the dashboard receives nothing on "sensors/kitchen-sensor/temperature"
