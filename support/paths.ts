import { resolve } from 'node:path';

/** The repository root: support/ sits directly below it. */
export const PROJECT_ROOT = resolve(__dirname, '..');
