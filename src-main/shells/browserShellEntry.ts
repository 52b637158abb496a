// The browser shell's entry (out/main/browser-shell.js). Its first step is to
// start the services worker's thread, so the worker loads its code
// (better-sqlite3, the image and text libraries) on another core while this
// thread loads playwright-core, which takes about half a second on its own;
// the launcher (browserShell.ts) is imported after that and hands the running
// thread to the services host. Nothing here may import playwright-core or the
// launcher statically: a static import would be loaded before the thread starts.
//
//   node out/main/browser-shell.js [--data-dir <folder>] [--remote-debugging-port <n>] [--headless]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnThreadWorker } from '../host/threadWorker';
import { createStartupTrace } from './startupTrace';

const mainDir = dirname(fileURLToPath(import.meta.url));
const trace = createStartupTrace(process.env);
const earlyWorker = spawnThreadWorker(join(mainDir, 'services-worker.js'));
trace.mark('services worker thread started');

import('./browserShell').then(
  ({ runBrowserShell }) => runBrowserShell({ mainDir, earlyWorker, trace }),
  (error: unknown) => {
    console.error(
      `Copydesk could not start the browser shell: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  },
);
