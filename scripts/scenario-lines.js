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
          found.push({ line: row.location.line, name });
        }
      }
    }
  };
  visit(document.feature && document.feature.children);
  return found;
}

module.exports = { scenarioLines };
