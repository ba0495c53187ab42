// Runs inside the HTML report (cucumber-report.html), not in Node: draws each scenario's
// "MQTT packets (sequence diagram)" attachment with the mermaid copied beside the report
// (scripts/report-diagrams.ts). The report is a React page that adds and replaces its elements
// as the reader opens features and scenarios, so every change is looked at for new diagrams.
// It also names each Scenario Outline row by its example values: the report titles a row only
// "#1.1"; with the scenario's own name it reads "#1.1: ... at QoS 0 ..." (as junit.xml does).
// A block, not a function: its names stay out of the page's global scope all the same.
'use strict';
{
  const NAME = 'MQTT packets (sequence diagram)';
  const svgOf = new Map(); // Mermaid text -> Promise of its SVG: each diagram is laid out once
  let count = 0;

  function draw(details) {
    if (!window.mermaid || details.getAttribute('data-mqtt-labs') === 'drawn') return;
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

  /** "<outline name>\n#1.1" -> the scenario's name with that row's values, from the report's messages. */
  const exampleNames = new Map();
  {
    const messages = window.CUCUMBER_MESSAGES || [];
    const nameOfRow = new Map();
    for (const m of messages) if (m.pickle) for (const id of m.pickle.astNodeIds) nameOfRow.set(id, m.pickle.name);
    for (const m of messages) {
      const children = (m.gherkinDocument && m.gherkinDocument.feature && m.gherkinDocument.feature.children) || [];
      const scenarios = children.flatMap((c) => (c.rule ? c.rule.children : [c]).map((r) => r.scenario).filter(Boolean));
      for (const s of scenarios) {
        s.examples.forEach((examples, i) => examples.tableBody.forEach((row, j) => {
          if (nameOfRow.has(row.id)) exampleNames.set(s.name + '\n#' + (i + 1) + '.' + (j + 1), nameOfRow.get(row.id));
        }));
      }
    }
  }

  /** The name of the Scenario Outline a row title belongs to: the last outline heading before it. */
  function outlineNameOf(element) {
    for (let a = element.parentElement; a; a = a.parentElement) {
      const headings = [...a.querySelectorAll('h2')].filter((h) => /^\s*Scenario Outline:/.test(h.textContent) && h.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING);
      if (headings.length) return headings[headings.length - 1].textContent.replace(/^\s*Scenario Outline:\s*/, '').trim();
    }
    return undefined;
  }

  function nameExampleRows() {
    document.querySelectorAll('h3 > span').forEach(function (span) {
      if (!/^#\d+\.\d+$/.test(span.textContent)) return;
      const name = exampleNames.get(outlineNameOf(span) + '\n' + span.textContent);
      if (name) span.textContent = span.textContent + ': ' + name;
    });
  }

  let scheduled = false;
  function scan() {
    scheduled = false;
    nameExampleRows();
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
  // strict: labels are text, never HTML; the topics and payloads drawn come from the scenarios.
  if (window.mermaid) window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default', sequence: { mirrorActors: true } });
  observer.observe(document.body, { childList: true, subtree: true });
  scan();
}
