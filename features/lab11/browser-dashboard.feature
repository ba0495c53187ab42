@lab11 @browser @mqtt311
Feature: A browser dashboard speaks MQTT over WebSockets
  JavaScript in a web page cannot open a TCP socket, so a page's MQTT client talks to the
  broker's `protocol websockets` listener: the same MQTT packets, carried in WebSocket frames.
  One broker serves both transports with one set of topics, retained messages and wills. The
  lab's page is served by the broker itself (`http_dir`), runs MQTT.js's browser bundle from the
  installed `mqtt` package, and is driven in a real headless Chromium.
  Files: brokers/lab11/websockets.conf, labs/lab11/index.html, labs/lab11/dashboard.js

  Background:
    Given a broker running "lab11/websockets.conf" that serves the dashboard page

  Rule: Messages cross between TCP clients and the page

    Scenario: A reading published over TCP shows on the page
      Given the tablet has the dashboard page open, watching "home/#"
      When the thermostat publishes "21.5" to "home/living/temperature"
      Then the tablet's page shows "21.5" on "home/living/temperature"

    Scenario: A command sent from the page reaches a TCP subscriber
      Given the lamp subscribes to "home/living/lamp"
      And the tablet has the dashboard page open, watching "home/#"
      When the tablet publishes "on" to "home/living/lamp" from its page
      Then the lamp receives "on" on "home/living/lamp"

    Scenario: A message outside the page's subscription does not show
      Given the tablet has the dashboard page open, watching "home/living/#"
      When the thermostat publishes "19.0" to "home/kitchen/temperature"
      Then the tablet's page shows nothing on "home/kitchen/temperature"

  Rule: A retained value shows as soon as the page loads

    Scenario: The page shows the last known temperature at once
      Given the thermostat has published the retained value "21.5" to "home/living/temperature"
      When the tablet opens the dashboard page, watching "home/#"
      Then the tablet's page shows "21.5" on "home/living/temperature" marked as retained

    Scenario: A value published without retain is gone for a page that opens later
      Given the thermostat publishes "21.5" to "home/living/temperature"
      When the tablet opens the dashboard page, watching "home/#"
      Then the tablet's page shows nothing on "home/living/temperature"

  Rule: A tab that goes away without a goodbye leaves its last will

    Scenario: Closing the tab publishes the dashboard's will
      Given the watcher subscribes to "dashboards/+/status"
      And the tablet has the dashboard page open, watching "home/#"
      When the tablet's tab is closed
      Then the watcher receives "offline" on "dashboards/tablet/status"

    Scenario: Pressing Disconnect on the page leaves no will behind
      Given the watcher subscribes to "dashboards/+/status"
      And the tablet has the dashboard page open, watching "home/#"
      When the tablet presses Disconnect on its page
      Then the watcher does not receive "offline" on "dashboards/tablet/status"
