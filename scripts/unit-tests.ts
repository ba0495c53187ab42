/**
 * `npm run test:unit`: every tests/unit/*.test.ts with Node's own test runner. Node 20 does not
 * expand a glob of .ts files itself (and npm scripts must not rely on a shell to do it), so this
 * lists them and runs `node --require ts-node/register --test <files>`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const UNIT_DIR = join('tests', 'unit');

const files = readdirSync(join(ROOT, UNIT_DIR))
  .filter((name) => name.endsWith('.test.ts'))
  .sort()
  .map((name) => join(UNIT_DIR, name));
const result = spawnSync(process.execPath, ['--require', 'ts-node/register', '--test', ...files], { cwd: ROOT, stdio: 'inherit' });
process.exitCode = result.status ?? 1;
