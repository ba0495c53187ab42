@lab17
Feature: The policy lives in the plugin's JSON file and survives a restart
  The plugin rewrites its file (`plugin_opt_config_file`) after every change, at once, and
  reads it again when the broker starts: clients, roles and groups made with mosquitto_ctrl are
  kept without `persistence true`. The file holds each password only as a salted PBKDF2 hash.
  Each scenario's broker gets its own copy of brokers/lab17/dynamic-security.json, so the
  committed file, the learner's starting point, never changes.
  Files: brokers/lab17/dynamic-security.conf, brokers/lab17/dynamic-security.json

  Scenario: Clients and roles made with mosquitto_ctrl are still there after a restart
    Given a broker running "lab17/dynamic-security.conf"
    And the administrator has run:
      """
      mosquitto_ctrl dynsec createClient thermostat -p warm-and-cosy
      mosquitto_ctrl dynsec createRole sensors
      mosquitto_ctrl dynsec addRoleACL sensors publishClientSend home/+/temperature allow
      mosquitto_ctrl dynsec addClientRole thermostat sensors
      mosquitto_ctrl dynsec createClient dashboard -p shows-everything
      mosquitto_ctrl dynsec createRole viewers
      mosquitto_ctrl dynsec addRoleACL viewers subscribePattern home/# allow
      mosquitto_ctrl dynsec addClientRole dashboard viewers
      """
    When the broker restarts
    Then the plugin's file in the broker's container lists:
      | client     | role    | acl                                          |
      | thermostat | sensors | publishClientSend home/+/temperature allow   |
      | dashboard  | viewers | subscribePattern home/# allow                |
    Given the dashboard is logged in and subscribed to "home/#"
    And the thermostat is logged in
    When the thermostat publishes "21.5" to "home/living/temperature" with QoS 1
    Then the dashboard receives "21.5" on "home/living/temperature"
    And the committed brokers/lab17/dynamic-security.json still lists the admin client alone
