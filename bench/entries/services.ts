// Bench-only entry: the app's own service factory, built by bench/lib/build.mjs
// with `vite build --ssr` into out/bench so plain .mjs benchmarks can call the
// real store code (seeding drafts, timing autosave) without a TS runner.
export { createServices } from '../../src-main/services/createServices';
// The shells' side of the services worker, for bench/metrics/eventloop.mjs: it
// starts out/main/services-worker.js (built by `npm run build`) as the browser shell does.
export { createServicesHost } from '../../src-main/host/servicesHost';
export { spawnThreadWorker } from '../../src-main/host/threadWorker';
// The autosave's patch (src-shared/bodyPatch.ts), for bench/metrics/autosave.mjs's patch row.
export { diffBodyParts, hashText, splitBody } from '../../src-shared/bodyPatch';
