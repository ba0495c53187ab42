// The first step of `npm run setup`, in plain JavaScript because it runs before the npm packages
// (TypeScript and ts-node among them) are there: check Node, then run `npm ci` only when the
// installed packages differ from package-lock.json. npm writes what it installed to
// node_modules/.package-lock.json; comparing contents (not file times, which a checkout resets)
// makes a second set-up cost nothing here.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');

/** Every package of the lock is installed at its version (optional ones may be absent: other platforms'). */
function packagesUpToDate(root = ROOT) {
  const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).packages ?? {} : undefined);
  const wanted = read(join(root, 'package-lock.json'));
  const installed = read(join(root, 'node_modules', '.package-lock.json'));
  if (!wanted || !installed) return false;
  return Object.entries(wanted).every(([path, pkg]) => path === '' || installed[path]?.version === pkg.version || (pkg.optional && !installed[path]));
}

function main() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    // 20.19 is the first Node 20 that can require() ES modules, which chai 6 is.
    console.error(`\nsetup failed: Node.js ${process.versions.node} is too old.\n  Install Node.js 20.19 or newer (https://nodejs.org), then run: npm run setup`);
    return 1;
  }
  console.log(`==> Node.js ${process.versions.node}`);
  if (packagesUpToDate()) {
    console.log('==> npm packages up to date');
    return 0;
  }
  const command = existsSync(join(ROOT, 'package-lock.json')) ? 'ci' : 'install';
  console.log(`==> Installing npm packages (npm ${command}${command === 'install' ? ': there is no package-lock.json yet' : ''})`);
  // npm sets npm_execpath to its own CLI script: running that with this Node needs no shell,
  // where spawning `npm` itself would need one on Windows (npm.cmd).
  const viaNpm = process.env.npm_execpath;
  const [file, args] = viaNpm ? [process.execPath, [viaNpm]] : ['npm', []];
  const result = spawnSync(file, [...args, command, '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit', shell: !viaNpm && process.platform === 'win32' });
  if (result.status === 0) return 0;
  console.error(`\nsetup failed: npm ${command} failed (its output is above).`);
  return 1;
}

if (require.main === module) process.exitCode = main();
module.exports = { packagesUpToDate };
