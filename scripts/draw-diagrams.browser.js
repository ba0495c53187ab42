// Runs inside the HTML report (cucumber-report.html), not in Node: draws each scenario's
// "MQTT packets (sequence diagram)" attachment with the mermaid copied beside the report
// (scripts/report-diagrams.ts). The report is a React page that adds and replaces its elements
// as the reader opens features and scenarios, so every change is looked at for new diagrams.
// A block, not a function: its names stay out of the page's global scope all the same.
'use strict';
{
  const NAME = 'MQTT packets (sequence diagram)';
  const svgOf = new Map(); // Mermaid text -> Promise of its SVG: each diagram is laid out once
  let count = 0;

  function draw(details) {
    if (details.getAttribute('data-mqtt-labs') === 'drawn') return;
    const pre = details.querySelector('pre');
    if (!pre) return;
    details.setAttribute('data-mqtt-labs', 'drawn');
    const text = pre.textContent;
    if (!svgOf.has(text)) {
      svgOf.set(text, window.mermaid.render('mqtt-labs-diagram-' + ++count, text).then(function (r) { return r.svg; }));
    }
    svgOf.get(text).then(
      function (svg) {
        show(details, pre, svg);
      },
      function (error) {
        details.open = true;
        details.setAttribute('title', 'The diagram could not be drawn: ' + error.message);
      },
    );
  }

  // The picture replaces the text on screen; the text stays in the page (and in
  // messages.ndjson) for a Mermaid editor.
  function show(details, pre, svg) {
    const picture = document.createElement('div');
    picture.className = 'mqtt-labs-diagram';
    picture.style.cssText = 'overflow-x: auto; padding: 8px 0; background: #fff';
    picture.innerHTML = svg;
    pre.parentElement.style.display = 'none';
    details.appendChild(picture);
    details.open = true;
  }

  let scheduled = false;
  function scan() {
    scheduled = false;
    document.querySelectorAll('details > summary').forEach(function (summary) {
      if (summary.textContent === NAME) draw(summary.parentElement);
    });
  }
  const observer = new MutationObserver(function () {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(scan);
    }
  });
  if (window.mermaid) {
    // strict: labels are text, never HTML; the topics and payloads drawn come from the scenarios.
    window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default', sequence: { mirrorActors: true } });
    observer.observe(document.body, { childList: true, subtree: true });
    scan();
  }
}
