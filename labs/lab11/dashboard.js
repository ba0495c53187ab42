/*
 * Lab 11: the dashboard page's MQTT client (MQTT.js browser bundle, global `mqtt`).
 *
 * WHY WebSockets: JavaScript in a page can only open HTTP and WebSocket connections. MQTT over
 * WebSockets is the same MQTT, each packet carried in binary WebSocket frames; the client asks
 * for the `mqtt` subprotocol in its upgrade request (MQTT.js does), and the broker's
 * `protocol websockets` listener answers it. Messages published over TCP reach this page, and
 * what the page publishes reaches TCP subscribers: one broker, two transports.
 *
 * HOW: the page is served by the broker on its WebSocket port (`http_dir`), so the broker's
 * address is simply this page's own host and port: `ws://` + location.host. A page served over
 * https must use `wss://` (browsers block plain ws:// from secure pages).
 */
(function () {
  'use strict';
  var params = new URLSearchParams(location.search);
  var name = params.get('name') || 'browser';
  var filter = params.get('subscribe');
  var statusTopic = 'dashboards/' + name + '/status';
  var scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';

  var statusEl = document.getElementById('status');
  function show(state, text) {
    statusEl.dataset.state = state;
    statusEl.textContent = text || state;
  }
  document.getElementById('name').textContent = name;

  var clientId = 'dashboard-' + name + '-' + Math.random().toString(16).slice(2, 8);
  document.getElementById('client-id').textContent = clientId;

  var client = mqtt.connect(scheme + location.host, {
    clientId: clientId,
    // A page that reloads or closes should not leave a session behind on the broker.
    clean: true,
    // A closed tab, a crashed browser or a lost Wi-Fi sends no DISCONNECT: the broker publishes
    // this will for us, retained, so that whoever looks later sees the dashboard is gone.
    will: { topic: statusTopic, payload: 'offline', qos: 1, retain: true },
    // The lab shows one connection's life; a real dashboard would let MQTT.js reconnect.
    reconnectPeriod: 0,
  });

  client.on('connect', function () {
    show('connected');
    // The other half of the presence pattern: say "online" ourselves, retained, replacing the will.
    client.publish(statusTopic, 'online', { qos: 1, retain: true });
    if (!filter) return;
    client.subscribe(filter, { qos: 1 }, function (error) {
      if (error) return show('error', 'subscribe failed: ' + error.message);
      document.getElementById('filter').textContent = filter;
      document.getElementById('filter').dataset.subscribed = 'true';
    });
  });
  client.on('close', function () {
    if (statusEl.dataset.state !== 'error') show('disconnected');
  });
  client.on('error', function (error) {
    show('error', 'error: ' + error.message);
  });

  // Every message that arrives becomes a line. A retained one is the broker's stored last
  // value of the topic, delivered right after subscribing: the page shows a value at once.
  client.on('message', function (topic, payload, packet) {
    var li = document.createElement('li');
    li.dataset.topic = topic;
    li.dataset.payload = payload.toString();
    li.dataset.retained = String(packet.retain);
    if (packet.retain) li.className = 'retained';
    li.textContent = topic + ': ' + payload.toString() + (packet.retain ? '  (retained)' : '');
    document.getElementById('messages').appendChild(li);
  });

  // Publishing from the page: QoS 1, so the line appears only once the broker acknowledged it.
  document.getElementById('publish-form').addEventListener('submit', function (event) {
    event.preventDefault();
    var topic = document.getElementById('topic').value;
    var payload = document.getElementById('payload').value;
    client.publish(topic, payload, { qos: 1 }, function (error) {
      var li = document.createElement('li');
      li.dataset.topic = topic;
      li.dataset.payload = payload;
      li.dataset.acknowledged = String(!error);
      li.textContent = (error ? 'not sent: ' + error.message + ' ' : 'sent ') + topic + ': ' + payload;
      document.getElementById('sent').appendChild(li);
    });
  });

  // Leaving properly: DISCONNECT tells the broker to throw the will away.
  document.getElementById('disconnect').addEventListener('click', function () {
    client.end();
  });

  /*
   * For the lab's scenarios: one PINGREQ/PINGRESP round trip. The broker answers a connection's
   * packets in order, so once the PINGRESP is back, every message it routed to this page before
   * has arrived: how the scenarios prove that something did NOT show up, without a sleep.
   */
  window.labDashboard = {
    roundTrip: function () {
      return new Promise(function (resolve) {
        client.once('packetreceive', function onPacket(packet) {
          if (packet.cmd === 'pingresp') return resolve();
          client.once('packetreceive', onPacket);
        });
        client.sendPing();
      });
    },
  };
})();
