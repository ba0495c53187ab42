// Imported first by `npm run broker` (scripts/broker.ts), before anything loads testcontainers:
// the same settings cucumber.js makes for the scenarios. Without a registry, testcontainers must
// not pull its helper images (ryuk, alpine); npm run broker removes what it made itself, and
// `npm run clean` what a killed one left.
process.env.TESTCONTAINERS_RYUK_DISABLED ??= 'true';
process.env.TESTCONTAINERS_HOST_OVERRIDE ??= 'localhost';

export {};
