import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

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
    plugins: [react()],
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
