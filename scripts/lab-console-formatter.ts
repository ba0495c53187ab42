// Console output for learners: one line per scenario as it finishes, grouped by lab, with the
// reason of a failure; then each lab's scenario counts and wall time, and a closing line
// "N passed, N failed" that CI reads. With several workers, scenarios of different labs finish
// interleaved: the lines of a lab are held back until the labs before it are printed, so the
// output reads as if the labs had run one after the other.
import { Formatter, IFormatterOptions, Status } from '@cucumber/cucumber';
import type { Envelope, GherkinDocument, Scenario, TableRow, TestRunFinished } from '@cucumber/messages';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runConfig } from '../support/run/run-config';
import { PROJECT_ROOT } from '../support/world/paths';

type Attempt = ReturnType<Formatter['eventDataCollector']['getTestCaseAttempt']>;
type LabStats = { passed: number; failed: number; other: number; firstStart: number; lastEnd: number };

const MARK: Record<string, string> = { PASSED: '✔', FAILED: '✘', SKIPPED: '-', PENDING: '?', UNDEFINED: '?', AMBIGUOUS: '✘', UNKNOWN: '?' };

export default class LabConsoleFormatter extends Formatter {
  private readonly labs = new Map<string, LabStats>();
  private readonly startedAt = new Map<string, number>(); // testCaseStartedId -> ms
  private readonly labOrder: string[] = []; // labs in the order of their first scenario
  private readonly remaining = new Map<string, number>(); // lab -> scenarios not finished yet
  private readonly held = new Map<string, string[]>(); // lab -> lines not printed yet
  private printedLabs = 0; // labs of labOrder whose lines are all out
  private readonly headed = new Set<string>(); // labs whose heading is out
  private readonly shownMessages = new Map<string, string>(); // failure message -> the scenario it was first shown for

  constructor(options: IFormatterOptions) {
    super(options);
    options.eventBroadcaster.on('envelope', (envelope: Envelope) => this.onEnvelope(envelope));
  }

  private onEnvelope(envelope: Envelope): void {
    if (envelope.testCase) {
      const lab = labOf(this.eventDataCollector.getPickle(envelope.testCase.pickleId).uri ?? '');
      if (!this.remaining.has(lab)) this.labOrder.push(lab);
      this.remaining.set(lab, (this.remaining.get(lab) || 0) + 1);
    } else if (envelope.testCaseStarted) {
      this.startedAt.set(envelope.testCaseStarted.id, Date.now());
    } else if (envelope.testCaseFinished && !envelope.testCaseFinished.willBeRetried) {
      this.onScenarioFinished(envelope.testCaseFinished.testCaseStartedId);
    } else if (envelope.testRunFinished) {
      this.onRunFinished(envelope.testRunFinished);
    }
  }

  private onScenarioFinished(testCaseStartedId: string): void {
    const attempt = this.eventDataCollector.getTestCaseAttempt(testCaseStartedId);
    const uri = attempt.pickle.uri ?? '';
    const lab = labOf(uri);
    const started = this.startedAt.get(testCaseStartedId) || Date.now();
    const stats = this.labs.get(lab) || { passed: 0, failed: 0, other: 0, firstStart: started, lastEnd: started };
    this.labs.set(lab, stats);
    const status = attempt.worstTestStepResult.status;
    if (status === Status.PASSED) stats.passed++;
    else if (status === Status.FAILED || status === Status.AMBIGUOUS) stats.failed++;
    else stats.other++;
    stats.lastEnd = Date.now();

    const line = this.lineOf(attempt);
    const file = uri.split('/').pop();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    let text = `  ${MARK[status] || '?'} ${attempt.pickle.name}  [${file}${line}, ${seconds} s]\n`;
    if (status !== Status.PASSED && status !== Status.SKIPPED) text += this.explainFailure(attempt, status);
    if (status === Status.SKIPPED) text += skipReasons(attempt);
    this.held.set(lab, [...(this.held.get(lab) || []), text]);
    this.remaining.set(lab, (this.remaining.get(lab) || 1) - 1);
    this.printReadyLabs();
  }

  /**
   * What a learner needs to see about a failure: the step that failed, in the feature's words;
   * what happened instead (the message, without the stack trace into the support code unless
   * MQTT_LABS_STACK=1 asks for it); and which lab files to look at (the feature's "Files:").
   * A message already shown for an earlier scenario (a broker that rejects its configuration
   * fails every scenario the same way) is not shown again.
   */
  private explainFailure(attempt: Attempt, status: string): string {
    const failed = attempt.testCase.testSteps.find((step) => {
      const result = attempt.stepResults[step.id];
      return result && result.status !== Status.PASSED && result.status !== Status.SKIPPED;
    });
    // Ctrl-C: what the learner did is the news, not the step its removed brokers made fail.
    const interruption = Object.values(attempt.stepResults).find((r) => r.message?.startsWith('Error: Interrupted:') || r.message?.startsWith('Interrupted:'));
    const result = interruption ?? ((failed && attempt.stepResults[failed.id]) || attempt.worstTestStepResult);
    const pickleStep = !interruption && failed?.pickleStepId ? attempt.pickle.steps.find((s) => s.id === failed.pickleStepId) : undefined;
    const where = interruption ? 'the run was interrupted' : pickleStep ? `${KEYWORD[pickleStep.type ?? ''] || 'Step'} ${pickleStep.text}` : 'a hook (set-up or clean-up around the scenario)';
    // "Error: " is only the class of a plain Error: the text after it is what the learner reads.
    const raw = (result.message || status).replace(/^(Error|WaitTimeout): /, '').split('\n');
    const message = runConfig().stack ? raw : raw.filter((line) => !/^\s+at /.test(line));
    const key = message.join('\n').replace(/\d+ ms|\[\d+\]|\b\d{5,}\b/g, '#');
    let text = `      failed: ${where}\n`;
    if (this.shownMessages.has(key)) {
      text += `      (the same failure as "${this.shownMessages.get(key)}" above)\n`;
    } else {
      this.shownMessages.set(key, attempt.pickle.name);
      text += message.slice(0, 40).filter((l) => l.trim() !== '').map((l) => `      ${l}`).join('\n') + '\n';
    }
    const files = filesOf(attempt.gherkinDocument);
    if (files) text += `      look at: ${files}\n`;
    return text;
  }

  /** Prints the held lines of the first unprinted lab, and of the next ones once it is done. */
  private printReadyLabs(): void {
    while (this.printedLabs < this.labOrder.length) {
      const lab = this.labOrder[this.printedLabs];
      const lines = this.held.get(lab) || [];
      if (lines.length > 0 && !this.headed.has(lab)) {
        this.headed.add(lab);
        this.log(`\n${lab}\n`);
      }
      lines.forEach((text) => this.log(text));
      this.held.set(lab, []);
      if ((this.remaining.get(lab) ?? 0) > 0) return;
      this.printedLabs++;
    }
  }

  private lineOf(attempt: Attempt): string {
    const feature = attempt.gherkinDocument.feature;
    const scenario = feature && findScenario(feature.children, attempt.pickle.astNodeIds);
    return scenario ? `:${scenario.location.line}` : '';
  }

  private onRunFinished(_finished: TestRunFinished): void {
    // Whatever is still held (a lab whose scenarios did not all run, after Ctrl-C): print it.
    this.remaining.forEach((_, lab) => this.remaining.set(lab, 0));
    this.printReadyLabs();
    let passed = 0;
    let failed = 0;
    let other = 0;
    this.log('\nPer lab:\n');
    for (const [lab, s] of [...this.labs.entries()].sort()) {
      passed += s.passed;
      failed += s.failed;
      other += s.other;
      const wall = ((s.lastEnd - s.firstStart) / 1000).toFixed(1);
      this.log(`  ${lab}: ${s.passed} passed, ${s.failed} failed${s.other ? `, ${s.other} not run` : ''} in ${wall} s\n`);
    }
    const { reportDir, breakIt } = runConfig();
    if (reportDir !== 'reports' && !breakIt) {
      this.log(`\nReport: ${reportDir}/cucumber-report.html (also reports/latest/cucumber-report.html)\n`);
    }
    if (breakIt) {
      // Failures are the point of a break-it run: word its tally so no CI reads it as a test result.
      this.log(`\nUnder the broken configuration ${breakIt}, ${passed} scenario(s) passed and ${failed} failed.\n`);
    } else {
      this.log(`\n${passed} passed, ${failed} failed${other ? `, ${other} skipped` : ''}\n`);
    }
  }
}

/** What a hook logged when it skipped the scenario (a version tag: support/world/hooks.ts). */
function skipReasons(attempt: Attempt): string {
  const logged = Object.values(attempt.stepAttachments).flat().filter((a) => a.mediaType === 'text/x.cucumber.log+plain');
  return logged.map((a) => `      ${a.body}\n`).join('');
}

/** The Gherkin keyword of a pickle step's type (And/But resolve to these). */
const KEYWORD: Record<string, string> = { Context: 'Given', Action: 'When', Outcome: 'Then' };

/** The "Files: brokers/labNN/..." line of a feature's description. */
/**
 * The feature's "Files:", each as it ran: in a break-it run, a file the exercise replaces is
 * named by its broken copy (brokers/lab08/break-it/<name>/managed.conf), the one to look at.
 */
function filesOf(gherkinDocument: GherkinDocument): string | undefined {
  const description = gherkinDocument.feature?.description ?? '';
  const match = /Files:\s*(.+)/.exec(description);
  if (!match) return undefined;
  return match[1]
    .trim()
    .split(/,\s*/)
    .map((file) => breakItCopyOf(file) ?? file)
    .join(', ');
}

function breakItCopyOf(file: string): string | undefined {
  const exercise = runConfig().breakIt;
  const [lab, name] = exercise?.split('/') ?? [];
  const original = /^brokers\/(lab\d\d)\/([^/]+)$/.exec(file);
  if (!exercise || !original || original[1] !== lab) return undefined;
  const copy = `brokers/${lab}/break-it/${name}/${original[2]}`;
  return existsSync(join(PROJECT_ROOT, copy)) ? `${copy} (the broken copy this run used)` : undefined;
}

function labOf(uri: string): string {
  return /features\/(lab\d\d)/.exec(uri)?.[1] ?? uri;
}

function findScenario(children: readonly { scenario?: Scenario; rule?: { children: readonly { scenario?: Scenario }[] } }[], astNodeIds: readonly string[]): Scenario | TableRow | undefined {
  for (const child of children) {
    if (child.scenario && astNodeIds.includes(child.scenario.id)) return exampleRow(child.scenario, astNodeIds);
    const inRule = child.rule && findScenario(child.rule.children, astNodeIds);
    if (inRule) return inRule;
  }
  return undefined;
}

/** For a Scenario Outline, the line of the example row rather than of the outline. */
function exampleRow(scenario: Scenario, astNodeIds: readonly string[]): Scenario | TableRow {
  for (const examples of scenario.examples) {
    const row = examples.tableBody.find((r) => astNodeIds.includes(r.id));
    if (row) return row;
  }
  return scenario;
}
