// Makes a run's HTML report draw its sequence diagrams (support/report/packet-diagram.ts
// attaches them as Mermaid text): mermaid from node_modules and scripts/draw-diagrams.browser.js
// are copied into the report's folder, and the report loads them from there. Nothing is fetched
// from the network, and a report folder opens offline, on any machine, as it is.
import { copyFileSync, existsSync, linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MARK = '<!-- mqtt-labs: sequence diagrams -->';

/** Adds the diagrams to `<reportDir>/cucumber-report.html`; returns false when there is no report. */
export function addDiagramsToReport(reportDir: string): boolean {
  const html = join(reportDir, 'cucumber-report.html');
  if (!existsSync(html)) return false;
  const page = readFileSync(html, 'utf8');
  const end = page.lastIndexOf('</body>');
  if (page.includes(MARK) || end === -1) return true;
  placeFile(require.resolve('mermaid/dist/mermaid.min.js'), join(reportDir, 'mermaid.min.js'));
  copyFileSync(join(__dirname, 'draw-diagrams.browser.js'), join(reportDir, 'draw-diagrams.js'));
  const scripts = `${MARK}\n<script src="mermaid.min.js"></script>\n<script src="draw-diagrams.js"></script>\n`;
  writeFileSync(html, page.slice(0, end) + scripts + page.slice(end));
  return true;
}

/**
 * A hard link where the file system allows it: the 5 MB of mermaid are then on disk once for
 * all the runs kept under reports/, yet each report folder holds a real file (it can be zipped or
 * copied away). Elsewhere, a copy.
 */
function placeFile(from: string, to: string): void {
  rmSync(to, { force: true });
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}
