// `npm run break-it -- lab03/upgrade-qos`: a lab runs against broken broker files (the exercise's
// folder laid over the lab's), and passes when exactly the scenarios its EXPECTED-FAILURES file
// lists fail: the learner sees which scenarios guard which line of the configuration.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { scenarioResults } from './run-results';
import { PROJECT_ROOT as ROOT } from '../support/world/paths';
import { labsAvailable, SelectionError } from './run-selection';

export interface BreakItPlan {
  exercise: string;
  lab: string;
  /** The names of the scenarios that must fail. */
  expected: string[];
  reportDir: string;
}

function exercisesOnDisk(): string[] {
  return labsAvailable().flatMap((lab) => {
    const dir = join(ROOT, 'brokers', lab, 'break-it');
    return existsSync(dir) ? readdirSync(dir).map((name) => `${lab}/${name}`) : [];
  });
}

/** Which lab and exercise, and what must fail; throws with the list of exercises if unknown. */
export function breakItPlan(exercise: string): BreakItPlan {
  const [lab, name] = exercise.split('/');
  const dir = join(ROOT, 'brokers', lab || '', 'break-it', name || '');
  if (!lab || !name || !existsSync(dir)) {
    throw new SelectionError(`There is no break-it exercise "${exercise}". Exercises: ${exercisesOnDisk().join(', ')}`);
  }
  const expectedFile = join(dir, 'EXPECTED-FAILURES');
  const expected = existsSync(expectedFile)
    ? readFileSync(expectedFile, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
    : [];
  return { exercise, lab, expected, reportDir: join('reports', 'break-it', `${lab}-${name}`) };
}

/** 0 when exactly the expected scenarios failed; prints what did and did not. */
export function judgeBreakIt(plan: BreakItPlan): number {
  const ndjson = join(ROOT, plan.reportDir, 'messages.ndjson');
  if (!existsSync(ndjson)) {
    console.error('The run wrote no message stream; cannot judge the exercise.');
    return 1;
  }
  const failed = [...new Set(scenarioResults(ndjson).filter((s) => s.status === 'FAILED').map((s) => s.name))];
  const missing = plan.expected.filter((name) => !failed.includes(name));
  const unexpected = failed.filter((name) => !plan.expected.includes(name));
  console.log(`\nBreak-it ${plan.exercise}: ${failed.length} scenario(s) failed, as the exercise means them to:`);
  failed.filter((n) => plan.expected.includes(n)).forEach((n) => console.log(`  ✘ ${n}`));
  if (missing.length) console.log(`These should have failed but passed (the scenario cannot see this break):\n${missing.map((n) => `  ! ${n}`).join('\n')}`);
  if (unexpected.length) console.log(`These failed but are not listed in EXPECTED-FAILURES:\n${unexpected.map((n) => `  ! ${n}`).join('\n')}`);
  console.log(`Report: ${relative(ROOT, join(ROOT, plan.reportDir, 'cucumber-report.html'))}`);
  const ok = missing.length === 0 && unexpected.length === 0 && failed.length > 0;
  console.log(ok ? 'The broken configuration was caught.' : 'The exercise did not behave as listed.');
  return ok ? 0 : 1;
}
