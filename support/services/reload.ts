/**
 * A reload that says when it took, for the kinds that log one (ServiceKind.reloadedLine).
 *
 * Why the signal is sent again until that line comes: HAProxy's master re-executes itself
 * right after its start-up lines and sets up its signal handlers a few milliseconds later,
 * with nothing in its log to say so. A signal in that window is lost when the master is the
 * container's first process (the plain path): the kernel drops a signal that the first process
 * of a container has no handler for. (Measured: a SIGUSR2 sent the moment "Loading success."
 * arrived was lost 5 times in 8; sent 20 ms later, 8 times in 8 it reloaded.)
 */
import { WaitTimeout } from '../sync/waiting';
import { ServiceKind, SHUTDOWN_TIMEOUT_MS } from './service-kind';
import { ServiceLog } from './service-log';

/** How long one signal has to show its reload line before it is sent again. */
const RESEND_AFTER_MS = 250;

export async function reloadConfirmed(kind: ServiceKind, log: ServiceLog, sendSignal: () => Promise<void>): Promise<void> {
  const reloadedLine = kind.reloadedLine;
  if (!reloadedLine) return sendSignal(); // the caller proves the effect (Mosquitto's reloads)
  const deadline = Date.now() + SHUTDOWN_TIMEOUT_MS;
  for (;;) {
    const seen = log.waitForLine(reloadedLine, RESEND_AFTER_MS).then(
      () => true,
      (error: unknown) => {
        if (error instanceof WaitTimeout) return false;
        throw error;
      },
    );
    await sendSignal();
    if (await seen) return;
    if (Date.now() > deadline) throw new Error(`No line matching ${reloadedLine} within ${SHUTDOWN_TIMEOUT_MS} ms of SIG${kind.reloadSignal}`);
  }
}
