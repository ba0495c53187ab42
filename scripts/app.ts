/**
 * `npm run app -- lab02/publisher TOPIC=home/kitchen/temperature MESSAGE=19.5`: runs a learner
 * app the way `node build/labs/lab02/publisher.js` does, with its settings given as NAME=value
 * arguments instead of environment variables. The same line works in PowerShell, cmd.exe and sh,
 * whose ways of setting a variable for one command all differ. It builds the app first when it
 * is missing or older than its source (as `npm run build` would).
 *
 *   npm run app -- --list          the apps there are
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuilt } from '../support/apps/app-build';
import { PROJECT_ROOT } from '../support/world/paths';

const LABS_DIR = join(PROJECT_ROOT, 'labs');

/** Every entry point under labs/: the files that start an app (they call runApp). */
function labApps(): string[] {
  const files = readdirSync(LABS_DIR, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  return files
    .filter((file) => /^\s*runApp\(/m.test(readFileSync(join(LABS_DIR, file), 'utf8')))
    .map((file) => file.replace(/\\/g, '/').replace(/\.ts$/, ''))
    .sort();
}

/** NAME=value arguments as environment variables. */
function settingsOf(args: string[]): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const arg of args) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(arg);
    if (!match) throw new Error(`"${arg}" is no setting: write NAME=value, e.g. TOPIC=home/kitchen/temperature`);
    settings[match[1]!] = match[2]!;
  }
  return settings;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { list: { type: 'boolean' } } });
  const [app, ...args] = positionals;
  if (values.list || !app) {
    console.log(`Apps (npm run app -- <app> [NAME=value ...]):\n  ${labApps().join('\n  ')}`);
    return;
  }
  if (!labApps().includes(app)) throw new Error(`There is no app "${app}". The apps: ${labApps().join(', ')}`);
  const settings = settingsOf(args);
  const path = await ensureBuilt(app);
  console.error(`> node ${relative(process.cwd(), path)}${args.length ? ` (with ${args.join(' ')})` : ''}`);
  const child = spawn(process.execPath, ['--enable-source-maps', path], { stdio: 'inherit', env: { ...process.env, ...settings } });
  // Ctrl-C reaches the app too (the whole console gets it): let the app say goodbye, then leave with its exit code.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
