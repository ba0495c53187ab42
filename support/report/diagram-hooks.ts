/**
 * When each scenario's sequence diagram is attached: right after its last step, or after the
 * step that failed, so that the report shows it under that step (an After hook's attachments
 * are folded away under "hooks"); a scenario that ends in a hook gets it there. Before each
 * step, its start is noted: the diagram marks When steps and elapsed time (step-moments.ts).
 */
import { After, AfterStep, BeforeStep, Status } from '@cucumber/cucumber';
import { attachPacketDiagram } from './packet-diagram';
import { recordStepStart } from './step-moments';
import { LabWorld } from '../world/world';

BeforeStep(function (this: LabWorld, { pickle, pickleStep }) {
  // pickleStep.type: Context (Given), Action (When), Outcome (Then).
  const lastSeen = Math.max(0, ...[...this.clients.values()].flatMap((c) => c.wire.map((w) => w.seen)));
  recordStepStart(pickle.id, pickleStep.text, String(pickleStep.type) === 'Action', lastSeen);
});

AfterStep(function (this: LabWorld, { pickle, pickleStep, result }) {
  const last = pickle.steps[pickle.steps.length - 1]?.id === pickleStep.id;
  if (last || result.status === Status.FAILED) attachPacketDiagram(this);
});

After(function (this: LabWorld) {
  attachPacketDiagram(this);
});
