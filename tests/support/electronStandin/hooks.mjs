/* global URL -- Node globals (the lint config gives them to .ts files only) */
// Module resolution hook (registered by register.mjs with node:module's
// register): every import of `electron`, from the built main process, a
// utility process or anything they load, resolves to the recording stand-in.
// Nothing else is touched, so the production code runs unmodified.
const STANDIN_URL = new URL('./electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron' || specifier === 'electron/main' || specifier === 'electron/common') {
    return { url: STANDIN_URL, format: 'module', shortCircuit: true };
  }
  return nextResolve(specifier, context);
}
