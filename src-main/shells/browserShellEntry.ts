// The browser shell's entry (out/main/browser-shell.js). A cold start is
// mostly waiting, so it orders the waits to overlap:
//   1. the command line is parsed (a usage error exits 2 before anything starts);
//   2. the services worker's thread starts, and loads its code (better-sqlite3,
//      the image and text libraries) on another core meanwhile;
//   3. playwright-core loads (about half a second on its own), and Chromium's
//      launch starts at once;
//   4. the rest of the launcher (browserShell.ts: the IPC contract, the host,
//      the asset server) loads while Chromium starts, and takes over the
//      running thread and the launch.
// Nothing here may import playwright-core or the launcher statically: a static
// import is loaded before the first line runs.
//
//   node out/main/browser-shell.js [--data-dir <folder>] [--remote-debugging-port <n>] [--headless]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnThreadWorker } from '../host/threadWorker';
import { browserShellOptions, type ShellOptions } from './shellOptions';
import { createStartupTrace } from './startupTrace';

async function start(): Promise<void> {
  const mainDir = dirname(fileURLToPath(import.meta.url));
  const trace = createStartupTrace(process.env);
  let options: ShellOptions;
  try {
    options = browserShellOptions(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  const earlyWorker = spawnThreadWorker(join(mainDir, 'services-worker.js'));
  trace.mark('services worker thread started');
  const { launchChromium } = await import('./chromiumLaunch');
  trace.mark('playwright-core loaded');
  const launching = launchChromium(options);
  // Awaited (and a failure reported) by the launcher; until then a rejection is not unhandled.
  launching.catch(() => undefined);
  const { runBrowserShell } = await import('./browserShell');
  runBrowserShell({ mainDir, earlyWorker, trace, options, launching });
}

start().catch((error: unknown) => {
  console.error(
    `Copydesk could not start the browser shell: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
