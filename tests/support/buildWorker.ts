// Builds the services worker entry (src-main/worker/servicesWorker.ts) into
// out/test-worker so unit tests can start it as a real worker thread, the way
// the browser shell does with out/main/services-worker.js.
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { runtimeDependencies, runtimeExternals } from '../../scripts/runtime-externals.mjs';

const ROOT = resolve(__dirname, '../..');
export const TEST_WORKER_ENTRY = join(ROOT, 'out/test-worker/services-worker.mjs');

let building: Promise<string> | null = null;

export function buildServicesWorker(): Promise<string> {
  building ??= (async () => {
    // Runtime dependencies stay in node_modules, as in electron-vite's main build.
    const deps = runtimeDependencies(ROOT);
    const external = runtimeExternals(ROOT);
    await build({
      configFile: false,
      logLevel: 'warn',
      root: ROOT,
      build: {
        ssr: join(ROOT, 'src-main/worker/servicesWorker.ts'),
        outDir: join(ROOT, 'out/test-worker'),
        emptyOutDir: true,
        minify: false,
        rolldownOptions: { external, output: { format: 'es', entryFileNames: 'services-worker.mjs' } },
      },
      ssr: { external: deps },
    });
    return TEST_WORKER_ENTRY;
  })();
  return building;
}
