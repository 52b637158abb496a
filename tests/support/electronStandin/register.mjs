/* global URL -- Node globals (the lint config gives them to .ts files only) */
// `node --import <this file> out/main/index.js`: runs the built Electron main
// process in plain Node with `electron` resolved to the recording stand-in.
// ESM imports go through hooks.mjs; CommonJS `require('electron')` (a CJS
// bundle, or the preload when loaded outside the vm harness) is redirected
// the same way through Module._resolveFilename.
import Module, { register } from 'node:module';
import { fileURLToPath } from 'node:url';

register('./hooks.mjs', import.meta.url);

const standinPath = fileURLToPath(new URL('./electron.cjs', import.meta.url));
const originalResolve = Module._resolveFilename;
Module._resolveFilename = function resolveElectron(request, ...rest) {
  if (request === 'electron') return standinPath;
  return originalResolve.call(this, request, ...rest);
};
