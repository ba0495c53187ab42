// The lines of a feature file that name a scenario: where `npm test -- file.feature:LINE`
// selects something. Cucumber runs nothing (and reports success) for any other line, so the
// runner checks the line first and lists the right ones.
'use strict';
const { readFileSync } = require('node:fs');
const { AstBuilder, GherkinClassicTokenMatcher, Parser } = require('@cucumber/gherkin');
const { IdGenerator } = require('@cucumber/messages');

/** [{ line, name }] for every scenario, outline and example row of the feature file. */
function scenarioLines(featurePath) {
  const parser = new Parser(new AstBuilder(IdGenerator.incrementing()), new GherkinClassicTokenMatcher());
  const document = parser.parse(readFileSync(featurePath, 'utf8'));
  const found = [];
  const visit = (children) => {
    for (const child of children || []) {
      if (child.rule) visit(child.rule.children);
      if (!child.scenario) continue;
      found.push({ line: child.scenario.location.line, name: child.scenario.name });
      for (const examples of child.scenario.examples || []) {
        const columns = (examples.tableHeader ? examples.tableHeader.cells : []).map((c) => c.value);
        for (const row of examples.tableBody) {
          // The name as the report shows it: the outline's name with this row's values.
          const name = columns.reduce((text, column, i) => text.split(`<${column}>`).join(row.cells[i].value), child.scenario.name);
          found.push({ line: row.location.line, name, outline: child.scenario.location.line });
        }
      }
    }
  };
  visit(document.feature && document.feature.children);
  return found;
}

/** How many scenarios the paths hold (folders, files, file:line), before any tag filter. */
function countScenarios(root, paths) {
  const { readdirSync, statSync } = require('node:fs');
  const { join } = require('node:path');
  const features = (path) => (statSync(path).isDirectory() ? readdirSync(path).flatMap((name) => features(join(path, name))) : path.endsWith('.feature') ? [path] : []);
  let count = 0;
  for (const arg of paths.length > 0 ? paths : ['features']) {
    const [, path, lines] = /^(.*?)((?::\d+)*)$/.exec(arg);
    if (lines) {
      count += lines.split(':').length - 1;
      continue;
    }
    for (const file of features(join(root, path))) {
      const found = scenarioLines(file);
      // An outline runs once per example row, not once for itself.
      const outlines = new Set(found.filter((s, i) => found[i + 1] && found[i + 1].outline === s.line).map((s) => s.line));
      count += found.filter((s) => !outlines.has(s.line)).length;
    }
  }
  return count;
}

module.exports = { scenarioLines, countScenarios };
