/** How set-up talks: one "==>" line per step, indented details, and a failure that says what to do. */
import { SetupError } from '../../support/images/setup-error';

export const step = (text: string): void => console.log(`==> ${text}`);
export const info = (text: string): void => console.log(`    ${text}`);

/** Ends set-up: the message of a SetupError as it is, anything else with its stack. */
export function failed(error: unknown): never {
  const text = error instanceof SetupError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  const [first, ...rest] = text.split('\n');
  console.error(`\nsetup failed: ${first}`);
  for (const line of rest) console.error(`  ${line}`);
  process.exit(1);
}
