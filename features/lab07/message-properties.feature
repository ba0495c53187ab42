@lab07 @mqtt5
Feature: MQTT 5 message properties travel with the payload
  An MQTT 5 PUBLISH can carry metadata next to its payload: user properties (free-form
  name/value pairs: a trace id, a unit, a schema version), a content type (a MIME type such as
  `application/json`) and a payload format indicator (1 = the payload is UTF-8 text). The
  broker forwards them unchanged to MQTT 5 subscribers; user properties keep their order and
  a name may appear more than once. An MQTT 3.1.1 subscriber of the same topic gets the
  payload and nothing else: its PUBLISH packet has no place for properties.
  MQTT.js note: it gives user properties as an object, a repeated name as an array of its
  values in order (`{ tag: ['indoor', 'calibrated'] }`); pairs that interleave with other
  names cannot be expressed that way (see labs/lab07/user-properties.ts).
  MQTT 5 spec sections 3.3.2.3.2 (payload format), 3.3.2.3.7 (user property), 3.3.2.3.9
  (content type). Files: brokers/lab07/mqtt5.conf

  Background:
    Given a broker running "lab07/mqtt5.conf"

  Rule: An MQTT 5 subscriber gets the properties exactly as they were published

    @MQTT-3.3.2-17 @MQTT-3.3.2-18
    Scenario: User properties arrive in their order, a repeated name with all its values
      Given the dashboard is connected with MQTT 5
      And the dashboard subscribes to "home/kitchen/temperature"
      When the thermostat publishes "21.5" to "home/kitchen/temperature" with these user properties:
        | site | kitchen    |
        | unit | celsius    |
        | tag  | indoor     |
        | tag  | calibrated |
      Then the dashboard receives "21.5" on "home/kitchen/temperature" with these user properties, in this order:
        | site | kitchen    |
        | unit | celsius    |
        | tag  | indoor     |
        | tag  | calibrated |

    @MQTT-3.3.2-4 @MQTT-3.3.2-20
    Scenario: Content type and payload format indicator arrive unchanged
      Given the dashboard is connected with MQTT 5
      And the dashboard subscribes to "home/kitchen/climate"
      When the thermostat publishes "{\"celsius\": 21.5}" to "home/kitchen/climate" as UTF-8 text of content type "application/json"
      Then the dashboard receives "{\"celsius\": 21.5}" on "home/kitchen/climate" as UTF-8 text of content type "application/json"

  Rule: An MQTT 3.1.1 subscriber gets the payload without the properties

    @mqtt311
    Scenario: An MQTT 3.1.1 display gets the reading but none of its properties
      Given the old display is connected with MQTT 3.1.1
      And the old display subscribes to "home/kitchen/temperature"
      When the thermostat publishes "21.5" to "home/kitchen/temperature" with these user properties:
        | site | kitchen |
        | unit | celsius |
      Then the old display receives "21.5" on "home/kitchen/temperature" without any properties
