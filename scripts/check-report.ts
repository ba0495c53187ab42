// `npm run check:report -- reports/merged`: opens a report folder's cucumber-report.html in
// Chrome/Chromium (the browser the lab 11 scenarios use: support/clients/browser.ts) and checks
// what a reader would see: the page counts as many scenarios as the folder's messages.ndjson
// holds, every feature opens, every sequence diagram is drawn as a picture, and the page throws
// no error. CI runs it on the merged report of its shards (.github/workflows/labs.yml).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { closeSharedBrowser, sharedBrowser } from '../support/clients/browser';
import { DIAGRAM_ATTACHMENT } from '../support/report/packet-diagram';
import { readMessages, summarise } from './merge-reports';

/** How long the page may take to draw every diagram: the whole suite's 270 took 95 s on a busy 2-core machine. A bound, not a sleep. */
const DRAWN_WITHIN_MS = 300_000;

export interface ReportSeen {
  scenarios: number;
  diagrams: number;
  drawn: number;
  pageErrors: string[];
}

export async function checkReport(reportDir: string): Promise<ReportSeen> {
  const html = join(reportDir, 'cucumber-report.html');
  if (!existsSync(html)) throw new Error(`There is no ${html}.`);
  const messages = readMessages(join(reportDir, 'messages.ndjson'));
  const expected = summarise(messages, 1).scenarios;
  const diagrams = messages.filter((e) => e.attachment?.fileName === DIAGRAM_ATTACHMENT).length;
  const { browser } = await sharedBrowser();
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(pathToFileURL(html).href);
  // The report's header: "100% (57 / 57) passed": executed / total.
  const header = await page.getByText(/\(\d+ \/ \d+\)/).first().textContent({ timeout: 10_000 });
  const scenarios = Number(/\/ (\d+)\)/.exec(header ?? '')?.[1]);
  const closedFeatures = page.locator('button[aria-expanded="false"]', { hasText: 'features/' });
  const features = messages.filter((e) => e.gherkinDocument).length;
  for (let opened = 0; opened < features && (await closedFeatures.count()) > 0; opened++) await closedFeatures.first().click();
  const drawn = async () => page.locator('.mqtt-labs-diagram svg').count();
  await page.waitForFunction((n) => document.querySelectorAll('.mqtt-labs-diagram svg').length >= n, diagrams, { timeout: DRAWN_WITHIN_MS }).catch(() => undefined);
  const seen = { scenarios, diagrams, drawn: await drawn(), pageErrors };
  await page.close();
  if (scenarios !== expected) throw new Error(`The report shows ${scenarios} scenarios; its messages.ndjson holds ${expected}.`);
  return seen;
}

async function main(args: string[]): Promise<void> {
  const dir = resolve(process.env.INIT_CWD || process.cwd(), args[0] ?? join('reports', 'latest'));
  try {
    const seen = await checkReport(dir);
    console.log(`${dir}: ${seen.scenarios} scenarios, ${seen.drawn} of ${seen.diagrams} sequence diagrams drawn, ${seen.pageErrors.length} page errors${seen.pageErrors.map((e) => `\n  ${e}`).join('')}`);
    if (seen.drawn < seen.diagrams || seen.pageErrors.length) process.exitCode = 1;
  } finally {
    await closeSharedBrowser();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: Error) => {
    console.error(error.message);
    process.exit(2);
  });
}
