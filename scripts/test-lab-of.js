// `node scripts/test-lab-of.js <any file of a lab>`: runs that lab (`npm test -- features/labNN`).
// For editors: VS Code's "run the lab of the open file" task passes the open file, which may be a
// feature, a broker file under brokers/labNN/ or lab code under labs/labNN/.
'use strict';
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { resolveLab, UsageError } = require('./lab-folders');

let lab;
try {
  lab = resolveLab(process.argv[2]);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`${error.message} Open a file of a lab (features/labNN/..., brokers/labNN/..., labs/labNN/...) and run the task again.`);
  process.exit(2);
}
// Ctrl-C reaches the runner too, which removes its containers: wait for it.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => undefined);
const run = spawnSync(process.execPath, [join(__dirname, 'run-labs.js'), `features/${lab}`, ...process.argv.slice(3)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
