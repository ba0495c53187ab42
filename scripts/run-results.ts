// Reads a run's cucumber message stream (reports/.../messages.ndjson) with @cucumber/query,
// the library cucumber's own formatters use, and gives what the runner and the benchmark need:
// each scenario with its lab, result, duration and the duration of each step.
import { readFileSync } from 'node:fs';
import { Query } from '@cucumber/query';
import type { Duration, Envelope, Timestamp } from '@cucumber/messages';

export interface StepResult {
  text?: string;
  /** A hook (set-up or clean-up) rather than a step of the feature. */
  hook: boolean;
  status: string;
  ms: number;
}

export interface ScenarioResult {
  pickleId: string;
  name: string;
  uri: string;
  lab?: string;
  status: string;
  ms: number;
  steps: StepResult[];
}

const millis = (time: Duration | Timestamp | undefined) => (time ? Number(time.seconds) * 1000 + time.nanos / 1e6 : 0);

/** One entry per scenario that ran. */
export function scenarioResults(ndjsonPath: string): ScenarioResult[] {
  const query = new Query();
  for (const line of readFileSync(ndjsonPath, 'utf8').split('\n')) {
    if (line.trim()) query.update(JSON.parse(line) as Envelope);
  }
  return query.findAllTestCaseStarted().map((started) => {
    const pickle = query.findPickleBy(started)!;
    const finished = query.findTestCaseFinishedBy(started);
    const steps = query.findTestStepFinishedAndTestStepBy(started).map(([stepFinished, testStep]) => ({
      text: testStep.pickleStepId ? pickle.steps.find((s) => s.id === testStep.pickleStepId)?.text : undefined,
      hook: !testStep.pickleStepId,
      status: stepFinished.testStepResult.status,
      ms: millis(stepFinished.testStepResult.duration),
    }));
    return {
      pickleId: pickle.id,
      name: pickle.name,
      uri: pickle.uri,
      lab: /features\/(lab\d\d)\//.exec(pickle.uri)?.[1],
      status: query.findMostSevereTestStepResultBy(started)?.status ?? 'UNKNOWN',
      ms: finished ? millis(finished.timestamp) - millis(started.timestamp) : 0,
      steps,
    };
  });
}
