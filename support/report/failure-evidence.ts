/**
 * What a failed scenario's report shows besides its steps: each broker's and service's log, each
 * client's packet trace, each page's console, each learner app's output. It is attached by the step that fails, so the
 * HTML report shows it right under that step, open, where the eye lands (attached from an After
 * hook it sat under a collapsed "hooks" toggle). A failure outside any step (a hook, a step's
 * own timeout) gets it from the After hook instead; either way it is attached once.
 */
import { setDefinitionFunctionWrapper } from '@cucumber/cucumber';
import { attachPageConsoles } from '../clients/page-evidence';
import type { LabWorld } from '../world/world';

export function attachFailureEvidence(world: LabWorld): void {
  if (world.evidenceAttached) return;
  world.evidenceAttached = true;
  for (const [name, broker] of world.brokers) {
    world.attach(broker.logLines.join('\n') || '(no log lines)', { mediaType: 'text/plain', fileName: `broker ${name} (${broker.description}).log` });
  }
  for (const service of world.services.values()) {
    world.attach(service.logLines.join('\n') || '(no log lines)', { mediaType: 'text/plain', fileName: `${service.kind.role} ${service.name} (${service.description}).log` });
  }
  for (const client of world.clients.values()) {
    world.attach(client.traceText() || '(no packets)', { mediaType: 'text/plain', fileName: `packets of ${client.name}.txt` });
  }
  attachPageConsoles(world);
  for (const app of world.apps.values()) {
    if (app.describe) world.attach(app.describe(), { mediaType: 'text/plain', fileName: `output of ${app.name}.txt` });
  }
}

type Definition = (this: LabWorld, ...args: unknown[]) => unknown;

/** Every step (and hook) function: when it fails, the evidence is attached before cucumber sees it. */
setDefinitionFunctionWrapper((definition: Definition) => {
  return function (this: LabWorld, ...args: unknown[]) {
    const onFailure = (error: unknown) => {
      if (typeof this?.attach === 'function' && this.brokers) attachFailureEvidence(this);
      throw error;
    };
    try {
      const outcome = definition.apply(this, args);
      return outcome instanceof Promise ? outcome.catch(onFailure) : outcome;
    } catch (error) {
      return onFailure(error);
    }
  };
});
