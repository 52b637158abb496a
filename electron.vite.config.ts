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
    plugins: [react(), requireLazyChunks(['src-renderer/article/ArticlePane.tsx'])],
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
