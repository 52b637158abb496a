// Bench-only entry: the app's own service factory, built by bench/lib/build.mjs
// with `vite build --ssr` into out/bench so plain .mjs benchmarks can call the
// real store code (seeding drafts, timing autosave) without a TS runner.
export { createServices } from '../../src-main/services/createServices';
