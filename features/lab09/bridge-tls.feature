@lab09
Feature: A bridge reaches the hub over TLS, trusting only the CA that signed the hub
  Between a site and a data centre the bridge crosses networks nobody here controls, so it
  speaks TLS: `bridge_cafile` names the CA that signed the hub's certificate (the lab 13 CA,
  made at test time), the hub's certificate names the host the bridge dials (`hub`, its name on
  the network), and `bridge_insecure false` makes the bridge check that name. The login of
  bridge-login.feature travels inside, encrypted. With a CA that did not sign the hub's
  certificate the handshake fails before MQTT begins, and the bridge never connects.
  Files: brokers/lab09/tls-leaf.conf, brokers/lab09/secure-hub.conf, brokers/lab09/bridge-users.txt, brokers/lab09/bridge.acl

  Background:
    Given the hub runs "lab09/secure-hub.conf", where bridges log in as the users of "lab09/bridge-users.txt"
    And the leaf runs "lab09/tls-leaf.conf", bridged to the hub's port 8883 as the user "leaf-berlin"

  @mqtt311
  Scenario: A reading crosses the TLS bridge to the hub its certificate names
    Given the dashboard subscribes to "sites/berlin/line1/#" on the hub
    When the thermometer publishes "21.5" to "factory/line1/temp" with QoS 1 on the leaf
    Then the dashboard receives "21.5" on "sites/berlin/line1/temp"

  @mqtt311
  Scenario: A command crosses the TLS bridge from the hub to the leaf
    Given the line controller subscribes to "factory/commands/#" on the leaf
    When the operator publishes "stop" to "sites/berlin/commands/line1" with QoS 1 on the hub
    Then the line controller receives "stop" on "factory/commands/line1"
