// Transitional: scripts/run-labs.js and scripts/bench.js are still plain JavaScript run by
// `node`, which cannot load preflight.ts. This registers ts-node (as cucumber does) and hands
// them the TypeScript module. Delete this file when those scripts run under ts-node themselves.
'use strict';
const { join } = require('node:path');

if (!process[Symbol.for('ts-node.register.instance')]) {
  require('ts-node').register({ project: join(__dirname, '..', '..', 'tsconfig.json') });
}
module.exports = require('./preflight.ts');
