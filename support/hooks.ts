/**
 * Scenario life cycle: check the machine once, then after each scenario close every client and
 * remove every container and network it started. A failed scenario gets the broker logs and
 * the packet traces attached to the report; a client error that no step looked at fails it.
 */
import { After, AfterAll, BeforeAll, setDefaultTimeout, Status } from '@cucumber/cucumber';
import { assertDockerAndImageReady, brokerImage } from './broker-image';
import { RUN_ID } from './project-labels';
import { LabWorld } from './world';
import { removeRun } from '../scripts/cleanup';

// Every wait inside a step has its own, tighter bound; this only stops a step that hangs.
setDefaultTimeout(30_000);

BeforeAll(function () {
  assertDockerAndImageReady(brokerImage());
});

After(async function (this: LabWorld, { result }) {
  const failed = result?.status === Status.FAILED;
  if (failed) {
    for (const [name, broker] of this.brokers) {
      this.attach(broker.logLines.join('\n') || '(no log lines)', { mediaType: 'text/plain', fileName: `broker ${name} (${broker.description}).log` });
    }
    for (const client of this.clients.values()) {
      this.attach(client.traceText() || '(no packets)', { mediaType: 'text/plain', fileName: `packets of ${client.name}.txt` });
    }
  }
  const unobserved = [...this.clients.values()].flatMap((c) => c.unobservedErrors().map((e) => `${c.name}: ${e.message}`));

  this.clients.forEach((client) => client.close());
  await Promise.all([...this.brokers.values()].map((broker) => broker.remove()));
  await this.network?.stop().catch(() => undefined);

  if (unobserved.length > 0 && !failed) {
    throw new Error(`A client reported an error that no step expected:\n  ${unobserved.join('\n  ')}`);
  }
});

AfterAll(function () {
  // Normally nothing is left; this catches what a failing hook could not remove.
  removeRun(RUN_ID);
});

// Ctrl-C: cucumber would stop mid-scenario and skip the After hooks, so remove this run's
// containers here. Only this run's: other runs on the machine keep theirs.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    try {
      removeRun(RUN_ID);
    } finally {
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
  });
}
