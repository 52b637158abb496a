import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/**
 * Adds <link rel="modulepreload"> (and a style preload) to index.html for the
 * chunks of lazily imported modules, and for the chunks they import: the
 * browser fetches and compiles them beside the entry, but runs them only when
 * the app imports them. The first screen renders from the entry alone.
 */
function preloadLazyChunks(modules: string[]): Plugin {
  let base = './';
  const wanted = modules.map((module) => resolve(__dirname, module));
  return {
    name: 'copydesk:preload-lazy-chunks',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle, chunk: entry }) {
        if (!bundle) return [];
        const chunks = Object.values(bundle).flatMap((output) => (output.type === 'chunk' ? [output] : []));
        const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
        // The entry's own static imports are preloaded by Vite already.
        const seen = new Set([entry?.fileName, ...(entry?.imports ?? [])]);
        const scripts: string[] = [];
        const styles: string[] = [];
        const visit = (fileName: string): void => {
          if (seen.has(fileName)) return;
          seen.add(fileName);
          const chunk = byFile.get(fileName);
          if (!chunk) return;
          chunk.imports.forEach(visit);
          scripts.push(fileName);
          styles.push(...(chunk.viteMetadata?.importedCss ?? []));
        };
        for (const module of wanted) {
          const chunk = chunks.find((c) => c.facadeModuleId === module);
          if (!chunk)
            throw new Error(`preloadLazyChunks: no chunk for ${module} (is it still imported lazily?)`);
          visit(chunk.fileName);
        }
        return [
          ...scripts.map((fileName) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: '', href: base + fileName },
            injectTo: 'head' as const,
          })),
          ...styles.map((fileName) => ({
            tag: 'link',
            attrs: { rel: 'preload', as: 'style', crossorigin: '', href: base + fileName },
            injectTo: 'head' as const,
          })),
        ];
      },
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
          'browser-shell': resolve(__dirname, 'src-main/shells/browserShell.ts'),
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
    // The article pane is a lazy chunk (src-renderer/article/lazyArticlePane.tsx); index.html preloads it.
    plugins: [react(), preloadLazyChunks(['src-renderer/article/ArticlePane.tsx'])],
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
