import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/**
 * Fails the build when one of these modules is no longer a chunk of its own
 * (imported statically somewhere, it would be back in the first screen's
 * script). Nothing is preloaded: a <link rel="modulepreload"> of the editor
 * chunk made Chromium compile it before the list's first paint (the browser
 * shell's routed requests bypass the HTTP and code caches), which measured
 * 230-365 ms to the first list item against 120-175 ms without it. The app
 * starts loading the chunk when it opens the first draft.
 */
function requireLazyChunks(modules: string[]): Plugin {
  const wanted = modules.map((module) => resolve(__dirname, module));
  return {
    name: 'copydesk:require-lazy-chunks',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).flatMap((output) => (output.type === 'chunk' ? [output] : []));
      for (const module of wanted) {
        const chunk = chunks.find((c) => c.facadeModuleId === module);
        if (!chunk || chunk.isEntry)
          throw new Error(`requireLazyChunks: ${module} is not a lazy chunk (is it imported statically?)`);
      }
    },
  };
}

/**
 * Fails the build when a package listed here is in the entry chunk or in a
 * chunk the entry imports statically: what the first screen must download
 * and run before the drafts list paints. zod (and with it the IPC contract's
 * schemas, about 90 kB minified) is kept off it: the renderer loads the event schemas with
 * the first pushed event (src-renderer/api.ts), and the first screen reads its
 * words from the zod-free vocabulary modules (src-shared/*Vocabulary.ts,
 * src-shared/ipc/bridgeNames.ts, src-shared/ipc/limits.ts).
 */
function keepOffFirstScreen(packages: string[]): Plugin {
  return {
    name: 'copydesk:keep-off-first-screen',
    generateBundle(_options, bundle) {
      const chunks = new Map(
        Object.values(bundle).flatMap((output) =>
          output.type === 'chunk' ? [[output.fileName, output]] : [],
        ),
      );
      const firstScreen = new Set<string>();
      const visit = (fileName: string): void => {
        const chunk = chunks.get(fileName);
        if (!chunk || firstScreen.has(fileName)) return;
        firstScreen.add(fileName);
        chunk.imports.forEach(visit);
      };
      for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName);
      for (const fileName of firstScreen) {
        for (const moduleId of chunks.get(fileName)!.moduleIds) {
          const found = packages.find((name) => moduleId.includes(`/node_modules/${name}/`));
          if (found)
            throw new Error(
              `keepOffFirstScreen: ${found} is in ${fileName}, which the first screen loads (through ${moduleId})`,
            );
        }
      }
    },
  };
}

// Three explicit builds. `main` also builds the browser shell launcher (never
// imports `electron`) and the services worker both shells start (see
// docs/architecture.md, "Two shells, one app" and "The services worker").
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'src-main/electronMain.ts'),
          'browser-shell': resolve(__dirname, 'src-main/shells/browserShellEntry.ts'),
          // The services worker: forked by Electron (utilityProcess), started as a worker thread by the browser shell.
          'services-worker': resolve(__dirname, 'src-main/worker/servicesWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require() from node_modules: bundle all of it.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src-main/preload/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    // The article pane is a lazy chunk (src-renderer/article/lazyArticlePane.tsx), loaded when a draft opens.
    plugins: [
      react(),
      requireLazyChunks(['src-renderer/article/ArticlePane.tsx']),
      keepOffFirstScreen(['zod', 'lexical', '@lexical']),
    ],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // electron-vite leaves minification off; the renderer is the one bundle whose size users feel at start.
      minify: true,
      rolldownOptions: {
        input: { index: resolve(__dirname, 'src-renderer/index.html') },
      },
    },
  },
});
