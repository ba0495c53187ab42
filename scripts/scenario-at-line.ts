// `npm test -- file.feature:LINE` with LINE anywhere inside a scenario: the line of the scenario
// it belongs to, as cucumber wants it. VS Code's "run the scenario under the cursor" passes the
// cursor's line, which is rarely the `Scenario:` line itself. A line on an Examples row stays
// that row (one example); any other line of an outline means the whole outline. Lines outside
// every scenario (the feature's description, a Background) belong to none.
import { readFileSync } from 'node:fs';
import { AstBuilder, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import { IdGenerator, type Scenario } from '@cucumber/messages';

/** The scenarios of a feature file, in file order (those inside a Rule too). */
function scenariosOf(source: string): Scenario[] {
  const document = new Parser(new AstBuilder(IdGenerator.incrementing()), new GherkinClassicTokenMatcher()).parse(source);
  return (document.feature?.children ?? []).flatMap((child) =>
    child.rule ? child.rule.children.flatMap((ruleChild) => (ruleChild.scenario ? [ruleChild.scenario] : [])) : child.scenario ? [child.scenario] : [],
  );
}

/** Where each scenario's lines end: just before the next scenario, Rule or Background starts. */
function blockStarts(source: string): number[] {
  return source
    .split(/\r?\n/)
    .flatMap((text, index) => (/^\s*(@|Scenario|Scenario Outline|Example|Rule|Background)\b/.test(text) ? [index + 1] : []));
}

/** The line cucumber selects for `line` of the feature file at `path`, or undefined when none. */
export function scenarioLineAt(path: string, line: number): number | undefined {
  const source = readFileSync(path, 'utf8');
  const starts = blockStarts(source);
  for (const scenario of scenariosOf(source)) {
    const first = scenario.tags[0]?.location.line ?? scenario.location.line;
    const next = starts.find((start) => start > scenario.location.line && !isExamplesTag(source, start, scenario)) ?? Infinity;
    if (line < first || line >= next) continue;
    const row = scenario.examples.flatMap((examples) => examples.tableBody).find((r) => r.location.line === line);
    return row ? line : scenario.location.line;
  }
  return undefined;
}

/** A tag line above an Examples table belongs to the scenario, not to the next one. */
function isExamplesTag(source: string, line: number, scenario: Scenario): boolean {
  return scenario.examples.some((examples) => examples.tags.some((tag) => tag.location.line === line));
}
