// The transpiler ts-node uses here (tsconfig.json, "ts-node" section): ts-node's own swc
// transpiler, with each file's output kept on disk until the file changes. Every `npm test`
// loads about 150 TypeScript files (support/, steps/, scripts/) and every cucumber worker loads
// them again; compiling them took about 75 ms a process, and loading the compiler 30-50 ms more.
// A file whose text is unchanged since the last run is read back instead, and the compiler is
// loaded only when a file has changed.
//
// JavaScript, not TypeScript: ts-node loads it before it can load any .ts file.
'use strict';
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

/** Outside the project (nothing to commit or ignore); one file per source file, replaced when it changes. */
const CACHE_DIR = join(tmpdir(), 'mqtt-labs-ts-cache');

const versionOf = (pkg) => {
  try {
    return require(`${pkg}/package.json`).version;
  } catch {
    return 'unknown';
  }
};

/** ts-node calls this once per set of compiler options (the `transpiler` option's interface). */
exports.create = function create(createOptions) {
  let swc; // ts-node's swc transpiler, made on the first file that is not in the cache
  const compiler = () => (swc ??= require('ts-node/transpilers/swc').create(createOptions));
  // Anything that changes the output changes the key: the options, the module kind, the versions.
  const setting = JSON.stringify([createOptions.service.config.options, createOptions.nodeModuleEmitKind, versionOf('@swc/core'), versionOf('ts-node')]);

  return {
    transpile(input, options) {
      const digest = createHash('sha256').update(setting).update('\0').update(input).digest('hex');
      const file = join(CACHE_DIR, `${createHash('sha256').update(options.fileName).digest('hex').slice(0, 32)}.json`);
      const kept = readKept(file);
      if (kept && kept.digest === digest) return kept.output;
      const output = compiler().transpile(input, options);
      keep(file, { digest, output });
      return output;
    },
  };
};

function readKept(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined; // not there yet, or cut short: compiled again
  }
}

/** Written aside then renamed, so that a parallel worker never reads half a file. A failure only costs speed. */
function keep(file, entry) {
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const aside = `${file}.${process.pid}`;
    writeFileSync(aside, JSON.stringify(entry));
    renameSync(aside, file);
  } catch {
    // a read-only or full temp folder: the next run compiles the file again
  }
}
