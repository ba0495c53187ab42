// Where a run's reports go. Every run writes into a folder of its own under reports/runs/ (two
// runs at once cannot spoil each other's), and reports/latest points at the newest one: the
// address to bookmark. The last RUNS_KEPT runs are kept.
import { cpSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PROJECT_ROOT as ROOT } from '../support/world/paths';

const RUNS_KEPT = 10;

/** reports/runs/<stamp>-<pid>, relative to the project root; removes the oldest beyond RUNS_KEPT. */
export function newRunReportDir(): string {
  const runs = join(ROOT, 'reports', 'runs');
  mkdirSync(runs, { recursive: true });
  const old = readdirSync(runs).sort();
  for (const name of old.slice(0, Math.max(0, old.length - RUNS_KEPT + 1))) rmSync(join(runs, name), { recursive: true, force: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19);
  return join('reports', 'runs', `${stamp}-${process.pid}`);
}

/** reports/latest: a link to the run's folder, or a copy where links are not allowed. */
export function pointLatestAt(reportDir: string): void {
  const latest = join(ROOT, 'reports', 'latest');
  try {
    rmSync(latest, { recursive: true, force: true });
    symlinkSync(relative(join(ROOT, 'reports'), join(ROOT, reportDir)), latest, 'dir');
  } catch {
    cpSync(join(ROOT, reportDir), latest, { recursive: true });
  }
}
