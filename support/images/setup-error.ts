/**
 * A machine that is not ready: the message says what is missing and the command that fixes it.
 * The runner, the hooks and `npm run setup` print it as it is, without a stack trace.
 */
export class SetupError extends Error {
  override readonly name = 'SetupError';
}
