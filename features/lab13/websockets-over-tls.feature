@lab13 @tls @browser @mqtt311
Feature: A page served over HTTPS speaks MQTT over wss://
  Lab 11's dashboard page, served by the broker over HTTPS, must use WebSockets over TLS: a
  secure page may not open plain `ws://`. The websockets listener gets the broker's certificate,
  and the browser checks it like any TLS client: it must trust it. Here Chromium is told to
  trust the broker's key (`--ignore-certificate-errors-spki-list`); on a real network the
  certificate comes from a CA the browsers already trust.
  Files: brokers/lab13/websockets-tls.conf, labs/lab11/dashboard.js

  Background:
    Given a broker running "lab13/websockets-tls.conf" that serves the dashboard page over HTTPS

  Rule: A browser that trusts the broker's certificate speaks MQTT over wss://

    Scenario: A reading sent over MQTT TLS shows on the page loaded over HTTPS
      Given the tablet has the dashboard page open over HTTPS in a browser that trusts the broker's key, watching "home/#"
      And the thermostat is connected over TLS trusting the lab CA
      When the thermostat publishes "21.5" to "home/living/temperature"
      Then the tablet's page shows "21.5" on "home/living/temperature"

    Scenario: A browser that does not trust the lab CA refuses the page
      When the tablet opens the dashboard page over HTTPS in a browser that knows nothing of the lab CA, watching "home/#"
      Then the tablet's browser refuses the broker's certificate with "ERR_CERT_AUTHORITY_INVALID"
