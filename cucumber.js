// cucumber-js configuration, for `npm test` (scripts/run-labs.ts reads it through cucumber's
// own API, then puts the report files into the run's folder) and for cucumber started by hand.
// No `paths` here on purpose: paths given on the command line (`npm test -- features/lab03`)
// would be ADDED to them and every lab would run.
'use strict';

// Without a registry, testcontainers must not pull its helper images (ryuk, alpine). Our own
// clean-up (support/docker/cleanup.ts) does what ryuk would do.
process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
process.env.TESTCONTAINERS_HOST_OVERRIDE ??= 'localhost';

module.exports = {
  default: {
    requireModule: ['ts-node/register'],
    // Every support file is loaded (hooks, parameter types and the World register themselves so),
    // except the plain path's container classes: they load testcontainers (about 90 ms), and the
    // code that starts services requires them only for a run with --plain (support/services/
    // start-service.ts).
    require: ['support/**/!(plain-service|started-service).ts', 'steps/**/*.ts'],
    format: [
      './scripts/lab-console-formatter.load.js',
      'html:reports/cucumber-report.html',
      'junit:reports/junit.xml',
      'message:reports/messages.ndjson',
    ],
    formatOptions: { junit: { suiteName: 'mqtt-labs' } },
    strict: true,
  },
};
