// Builds the services worker entry (src-main/worker/servicesWorker.ts) into
// out/test-worker so unit tests can start it as a real worker thread, the way
// the browser shell does with out/main/services-worker.js.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const ROOT = resolve(__dirname, '../..');
export const TEST_WORKER_ENTRY = join(ROOT, 'out/test-worker/services-worker.mjs');

let building: Promise<string> | null = null;

export function buildServicesWorker(): Promise<string> {
  building ??= (async () => {
    // Like electron-vite's main build: the app's runtime dependencies stay in node_modules
    // (jsdom, for one, resolves files of its own next to its modules and breaks when bundled).
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    const deps = Object.keys(pkg.dependencies ?? {});
    const external = [
      ...deps,
      ...deps.map((name) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/`)),
      ...builtinModules,
      ...builtinModules.map((name) => `node:${name}`),
    ];
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
