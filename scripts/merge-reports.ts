// `npm run merge-reports -- [--out reports/merged] <folder>...`: one report of several runs, for
// CI's shards (.github/workflows/labs.yml). Every messages.ndjson found in the folders (a run's
// report folder, or a folder of downloaded ones) is merged (scripts/report-merge.ts) and written
// by cucumber's own formatters, as a run writes them: cucumber-report.html with its sequence
// diagrams (scripts/report-diagrams.ts) and every attachment, junit.xml, and messages.ndjson.
// The formatters are the packages @cucumber/cucumber itself writes its reports with, at the
// versions it pins (html-formatter 23.1.0, junit-xml-formatter 0.13.3), installed with it.
import { createWriteStream, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { CucumberHtmlStream } from '@cucumber/html-formatter';
import { JUnitXmlPrinter } from '@cucumber/junit-xml-formatter';
import type { Envelope } from '@cucumber/messages';
import { Query } from '@cucumber/query';
import { PROJECT_ROOT as ROOT } from '../support/world/paths';
import { addDiagramsToReport } from './report-diagrams';
import { MergeError, mergeRuns } from './report-merge';
import { scenarioId } from './run-shard';

/** The junit options of the run's own profile (cucumber.js), so both reports name the suite alike. */
const JUNIT_OPTIONS = (require('../cucumber.js') as { default: { formatOptions: { junit: { suiteName?: string } } } }).default.formatOptions.junit;

/**
 * Every messages.ndjson in or below the folders, in path order (the same merge on every machine).
 * Links are not followed below the folders given (reports/latest is a link to a run already
 * there), nor is the merge's own output folder looked into.
 */
export function findMessageFiles(folders: string[], outDir?: string): string[] {
  const found: string[] = [];
  const visit = (path: string, given = false) => {
    if (path === outDir || (!given && lstatSync(path).isSymbolicLink())) return;
    if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) visit(join(path, name));
    else if (path.endsWith('messages.ndjson')) found.push(path);
  };
  for (const folder of folders) {
    if (!existsSync(folder)) throw new MergeError(`There is no folder ${folder}.`);
    visit(folder, true);
  }
  return found.sort();
}

export function readMessages(file: string): Envelope[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Envelope);
}

export interface MergeSummary {
  runs: number;
  scenarios: number;
  byStatus: Record<string, number>;
  /** Scenarios that ran in more than one of the runs (shards of one selection never do). */
  runTwice: string[];
}

export function summarise(envelopes: Envelope[], runs: number): MergeSummary {
  const query = new Query();
  for (const envelope of envelopes) query.update(envelope);
  const byStatus: Record<string, number> = {};
  const seen = new Map<string, number>();
  for (const started of query.findAllTestCaseStarted()) {
    const status = query.findMostSevereTestStepResultBy(started)?.status ?? 'UNKNOWN';
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    const id = scenarioId(query.findPickleBy(started)!);
    seen.set(id, (seen.get(id) ?? 0) + 1);
  }
  return { runs, scenarios: query.countTestCasesStarted(), byStatus, runTwice: [...seen].filter(([, n]) => n > 1).map(([id]) => id) };
}

/** Writes the merged reports into `outDir`; returns what they count. */
export async function mergeReports(messageFiles: string[], outDir: string): Promise<MergeSummary> {
  const merged = mergeRuns(messageFiles.map(readMessages));
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'messages.ndjson'), merged.map((e) => JSON.stringify(e)).join('\n') + '\n');
  let junit = '';
  const printer = new JUnitXmlPrinter(JUNIT_OPTIONS, (text) => (junit += text));
  for (const envelope of merged) printer.update(envelope);
  writeFileSync(join(outDir, 'junit.xml'), junit);
  await pipeline(Readable.from(merged), new CucumberHtmlStream(), createWriteStream(join(outDir, 'cucumber-report.html')));
  addDiagramsToReport(outDir);
  return summarise(merged, messageFiles.length);
}

async function main(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: { out: { type: 'string', default: join('reports', 'merged') } }, allowPositionals: true });
  const typedIn = process.env.INIT_CWD || process.cwd();
  if (positionals.length === 0) throw new MergeError('Give the folders of the runs to merge: `npm run merge-reports -- --out reports/merged shard-reports/`.');
  const outDir = resolve(typedIn, values.out!);
  const files = findMessageFiles(positionals.map((p) => resolve(typedIn, p)), outDir);
  if (files.length === 0) throw new MergeError(`No messages.ndjson in ${positionals.join(', ')}.`);
  const summary = await mergeReports(files, outDir);
  for (const file of files) console.log(`  merged ${relative(ROOT, file)}`);
  const statuses = Object.entries(summary.byStatus).map(([status, n]) => `${n} ${status.toLowerCase()}`).join(', ');
  console.log(`${summary.runs} runs, ${summary.scenarios} scenarios (${statuses}) -> ${relative(ROOT, outDir)}/cucumber-report.html, junit.xml`);
  if (summary.runTwice.length) console.log(`Ran in more than one of the runs (shown once per run):\n  ${summary.runTwice.join('\n  ')}`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: Error) => {
    console.error(error instanceof MergeError ? error.message : error);
    process.exit(2);
  });
}
