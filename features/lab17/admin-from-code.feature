@lab17 @tls @mqtt5
Feature: An admin app manages the policy from code; a device over TLS gets only what its role allows
  mosquitto_ctrl is an MQTT client, and so can your own code be: the plugin reads commands as
  JSON published to `$CONTROL/dynamic-security/v1` and answers each one, with the correlation
  data it was given, on `$CONTROL/dynamic-security/v1/response` (labs/lab17/dynsec-admin.ts;
  the app is labs/lab17/admin-app.ts). Only the admin role may use those topics. Devices reach
  this broker only over TLS with lab 13's certificates (the server certificate for localhost,
  signed by the lab CA), their passwords encrypted on the way; here the device is lab 13's own
  TLS publisher app, logged in with the client the admin app made.
  Files: brokers/lab17/dynamic-security-tls.conf, brokers/lab17/dynamic-security.json

  Background:
    Given a broker running "lab17/dynamic-security-tls.conf" with its certificate from the lab CA
    And the administrator has run:
      """
      mosquitto_ctrl dynsec createClient dashboard -p shows-everything
      mosquitto_ctrl dynsec createRole viewers
      mosquitto_ctrl dynsec addRoleACL viewers subscribePattern sensors/# allow
      mosquitto_ctrl dynsec addClientRole dashboard viewers
      """

  Rule: The admin app's commands take effect, and a device over TLS gets what its role allows

    Scenario: The admin app creates the kitchen sensor; its reading travels over TLS to the dashboard
      Given the dashboard is logged in over TLS, trusting the lab CA
      And the dashboard subscribes to "sensors/#"
      When the admin app is built and run over TLS to send:
        """
        {"commands": [
          {"command": "createClient", "username": "kitchen-sensor", "password": "sensor-demo"},
          {"command": "createRole", "rolename": "kitchen"},
          {"command": "addRoleACL", "rolename": "kitchen", "acltype": "publishClientSend", "topic": "sensors/kitchen-sensor/#", "allow": true},
          {"command": "addClientRole", "username": "kitchen-sensor", "rolename": "kitchen"}
        ]}
        """
      Then the admin app reports every command done, and ends without an error
      When the kitchen sensor runs the TLS publisher app to publish "21.5" to "sensors/kitchen-sensor/temperature"
      Then the TLS publisher app reports that it published "21.5" to "sensors/kitchen-sensor/temperature", encrypted
      And the dashboard receives "21.5" on "sensors/kitchen-sensor/temperature"

    @MQTT-3.4.2-1
    Scenario: The kitchen sensor may not publish below another sensor's name: its app fails on PUBACK 0x87
      Given the admin app is built and run over TLS to send:
        """
        {"commands": [
          {"command": "createClient", "username": "kitchen-sensor", "password": "sensor-demo"},
          {"command": "createRole", "rolename": "kitchen"},
          {"command": "addRoleACL", "rolename": "kitchen", "acltype": "publishClientSend", "topic": "sensors/kitchen-sensor/#", "allow": true},
          {"command": "addClientRole", "username": "kitchen-sensor", "rolename": "kitchen"}
        ]}
        """
      And the dashboard is logged in over TLS, trusting the lab CA
      And the dashboard subscribes to "sensors/#"
      When the kitchen sensor runs the TLS publisher app to publish "3.0" to "sensors/garage-sensor/temperature"
      Then the TLS publisher app fails, MQTT.js reporting the PUBACK "Not authorized"
      And the dashboard receives nothing on "sensors/garage-sensor/temperature"

  Rule: The admin app shows the plugin's refusals

    Scenario: A client that already exists is refused, and the app says why and fails
      When the admin app is built and run over TLS to send:
        """
        {"commands": [
          {"command": "createClient", "username": "dashboard", "password": "another-password"},
          {"command": "createRole", "rolename": "kitchen"}
        ]}
        """
      Then the admin app reports "done createRole"
      And the admin app reports "refused createClient: Client already exists", and fails
