// cucumber loads a formatter with import(), which knows no .ts files; a .js file is loaded by
// require(), through the .ts hook ts-node registered before (cucumber's requireModule). So this
// one line hands over the formatter written in TypeScript.
'use strict';
module.exports = require('./lab-console-formatter.ts').default;
