// npm run coverage [-- --features features --spec spec --out reports/coverage]
// Which normative statements of MQTT 3.1.1 and 5.0 the scenarios prove, from their tags: a summary
// on the console and reports/coverage/coverage.md. Exits 1 when a tag names no statement of the
// scenario's spec version (a typo, or a 5.0 id on a 3.1.1 scenario), so CI catches it.
// A scenario's version is its @mqtt311 or @mqtt5 tag, inherited from its feature, Rule or
// Examples block. A scenario with neither counts for no version: if it carries statement ids,
// that is a problem too, because the same id names different rules in the two specs (the
// World's clients speak 3.1.1 unless a step says otherwise, but a tag must say so, not a default).
// One with both counts its ids for both.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildCoverage } from './coverage/coverage-model';
import { renderConsoleSummary, renderMarkdown } from './coverage/coverage-report';
import { readScenarioClaims } from './coverage/scenario-claims';
import { loadStatementLists } from './coverage/statements';

function featureFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.feature'))
    .map((file) => join(dir, file).split('\\').join('/'))
    .sort();
}

function main(): number {
  const { values } = parseArgs({
    options: {
      features: { type: 'string', default: 'features' },
      spec: { type: 'string', default: 'spec' },
      out: { type: 'string', default: join('reports', 'coverage') },
    },
  });
  const coverage = buildCoverage(loadStatementLists(values.spec), readScenarioClaims(featureFiles(values.features)));
  mkdirSync(values.out, { recursive: true });
  const reportFile = join(values.out, 'coverage.md');
  writeFileSync(reportFile, renderMarkdown(coverage));
  console.log(renderConsoleSummary(coverage));
  console.log(`Report: ${reportFile}`);
  for (const problem of coverage.problems) console.error(`Problem: ${problem}`);
  return coverage.problems.length > 0 ? 1 : 0;
}

process.exitCode = main();
