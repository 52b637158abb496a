// Builds what the benchmarks load that is not the app itself: the peer pages
// (bare Lexical is bundled here with vite) and a Node entry exposing the app's
// real service factory. Output goes to out/bench.
import { cp, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { runtimeDependencies, runtimeExternals } from '../../scripts/runtime-externals.mjs';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BENCH_OUT = join(REPO_ROOT, 'out/bench');
export const PEERS_OUT = join(BENCH_OUT, 'peers');
export const SERVICES_ENTRY = join(BENCH_OUT, 'services/services.mjs');
export const FAULT_SERVER_ENTRY = join(BENCH_OUT, 'fault-server/faultServer.mjs');

export async function buildPeers() {
  await mkdir(PEERS_OUT, { recursive: true });
  await build({
    configFile: false,
    logLevel: 'warn',
    root: join(REPO_ROOT, 'bench/peers/bare-lexical'),
    base: './',
    build: { outDir: join(PEERS_OUT, 'bare-lexical'), emptyOutDir: true, minify: true },
  });
  for (const page of ['plain-contenteditable', 'plain-list']) {
    await cp(join(REPO_ROOT, 'bench/peers', page), join(PEERS_OUT, page), { recursive: true });
  }
}

/** Returns the path of the built entry, or null when the app's services are not there yet. */
export async function buildServicesEntry() {
  if (!existsSync(join(REPO_ROOT, 'src-main/services/createServices.ts'))) return null;
  // Runtime dependencies stay in node_modules, as in electron-vite's main build.
  const deps = runtimeDependencies(REPO_ROOT);
  const external = runtimeExternals(REPO_ROOT);
  await build({
    configFile: false,
    logLevel: 'warn',
    root: REPO_ROOT,
    build: {
      ssr: join(REPO_ROOT, 'bench/entries/services.ts'),
      outDir: dirname(SERVICES_ENTRY),
      emptyOutDir: true,
      minify: false,
      rollupOptions: { external, output: { format: 'es', entryFileNames: 'services.mjs' } },
    },
    ssr: { external: deps },
  });
  return SERVICES_ENTRY;
}

/** The tests' HTTP JSON fault server as a plain ES module (the publish benchmark's fault row). */
export async function buildFaultServerEntry() {
  const external = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
  await build({
    configFile: false,
    logLevel: 'warn',
    root: REPO_ROOT,
    build: {
      ssr: join(REPO_ROOT, 'bench/entries/faultServer.ts'),
      outDir: dirname(FAULT_SERVER_ENTRY),
      emptyOutDir: true,
      minify: false,
      rollupOptions: { external, output: { format: 'es', entryFileNames: 'faultServer.mjs' } },
    },
    ssr: { noExternal: true },
  });
  return FAULT_SERVER_ENTRY;
}
