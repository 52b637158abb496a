// CommonJS door to the same stand-in (register.mjs points require('electron') here).
/* global module, require -- CommonJS */
// eslint-disable-next-line @typescript-eslint/no-require-imports
module.exports = require('./electron.mjs');
