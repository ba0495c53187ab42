@lab09
Feature: A bridge logs in to the hub, and the hub's ACL limits what it may write
  A hub that sites reach from outside lets no anonymous bridge in. Each site's bridge logs in
  with its own user (`remote_username`/`remote_password` in the leaf's `connection` block,
  checked against the hub's password file), and the hub's ACL says what that user may write and
  read: a site publishes only into its own branch and reads only its own commands. The hub's
  log says which listener the bridge came in on and as which user. A wrong password: the hub
  refuses every CONNECT, the bridge keeps retrying, and its state topic on the leaf never
  reads 1 (the wait is bounded at 5 s: several retries at `restart_timeout 1 2`).
  Files: brokers/lab09/login-leaf.conf, brokers/lab09/secure-hub.conf, brokers/lab09/bridge-users.txt, brokers/lab09/bridge.acl

  Background:
    Given the hub runs "lab09/secure-hub.conf", where bridges log in as the users of "lab09/bridge-users.txt"
    And the leaf runs "lab09/login-leaf.conf", bridged to the hub's port 1884 as the user "leaf-berlin"

  Rule: with the right login, the bridge carries what its user may write and read

    @mqtt311
    Scenario: A reading crosses a bridge that logged in as its site's user
      Given the dashboard subscribes to "sites/berlin/line1/#" on the hub
      When the thermometer publishes "21.5" to "factory/line1/temp" with QoS 1 on the leaf
      Then the dashboard receives "21.5" on "sites/berlin/line1/temp"

    @mqtt311
    Scenario: A command for the site crosses to the leaf because its user may read it
      Given the line controller subscribes to "factory/commands/#" on the leaf
      When the operator publishes "stop" to "sites/berlin/commands/line1" with QoS 1 on the hub
      Then the line controller receives "stop" on "factory/commands/line1"

  Rule: the hub's ACL, not the leaf's topic lines, decides what a site may write

    @mqtt311
    Scenario: The hub drops what the bridge writes into another site's branch
      Given the dashboard subscribes to "sites/#" on the hub
      When the thermometer publishes "19.0" to "factory/line2/temp" with QoS 1 on the leaf
      And the thermometer publishes "21.5" to "factory/line1/temp" with QoS 1 on the leaf
      Then the dashboard receives "21.5" on "sites/berlin/line1/temp"
      And no message crosses to the dashboard on "sites/hamburg/line2/temp"
