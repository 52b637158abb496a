// CommonJS door to the same stand-in (register.mjs points require('electron') here).
module.exports = require('./electron.mjs');
