import { resolve } from 'node:path';

/** The repository root: this file is in support/world/. */
export const PROJECT_ROOT = resolve(__dirname, '..', '..');
