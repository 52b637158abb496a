// The browser shell: the built renderer in system Chromium driven by
// playwright-core, the services in this Node process, and the same
// window.copydesk object the Electron preload exposes. Runs where Electron's
// binary is absent; never imports electron.
//
//   node out/main/browser-shell.js [--data-dir <folder>] [--remote-debugging-port <n>] [--headless]
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Page,
  type Request,
  type Route,
} from 'playwright-core';
import { version } from '../../package.json';
import { BRIDGE_GLOBAL } from '../../src-shared/ipc';
import { createServices, type Services } from '../services/createServices';
import { outboxOptionsFromEnv } from './outboxEnv';
import { serveAppRequest, type AppAssetRoots } from './appAssets';
import { APP_ENTRY_PATH, BROWSER_APP_ORIGIN, isOnAppOrigin } from './appOrigin';
import { chromiumArgs, findChromium } from './chromiumPath';
import { createChunkedUploads, uploadClientScript } from './chunkedUploads';
import { safeExternalUrl } from '../../src-shared/links';
import { flushRenderer } from './flushRenderer';
import { createOpenExternal, createOpenPath, externalLinkMode } from './openExternally';
import {
  defaultDataDir,
  parseShellArgs,
  SHELL_USAGE,
  ShellUsageError,
  type ShellOptions,
} from './shellOptions';

const BINDING_NAME = '__copydeskInvoke';
const FLUSH_TIMEOUT_MS = 3_000;
const APP_URL = BROWSER_APP_ORIGIN + APP_ENTRY_PATH;

/** Prefix of the line a launcher waits for; the rest of the line is JSON. */
export const READY_PREFIX = 'COPYDESK_READY ';

/**
 * Defines window.copydesk in the app's main frame. The binding Playwright
 * installs is captured and removed, so the page sees one frozen object.
 */
function bridgeInitScript(): string {
  return `(() => {
  const invoke = window[${JSON.stringify(BINDING_NAME)}];
  try { delete window[${JSON.stringify(BINDING_NAME)}]; } catch {}
  window.open = () => null;
  if (window !== window.top || location.origin !== ${JSON.stringify(BROWSER_APP_ORIGIN)} || typeof invoke !== 'function') return;
  const send = ${uploadClientScript('invoke')};
  const bridge = Object.freeze({
    shell: 'browser',
    invoke: async (channel, input) => JSON.parse(await send(channel, input)),
  });
  Object.defineProperty(window, ${JSON.stringify(BRIDGE_GLOBAL)}, { value: bridge, writable: false, configurable: false, enumerable: true });
})();`;
}

async function main(): Promise<void> {
  let options: ShellOptions;
  try {
    const parsed = parseShellArgs(process.argv.slice(2));
    if (parsed.unknown.length > 0) {
      throw new ShellUsageError(`Unknown option ${parsed.unknown.join(' ')}.\n${SHELL_USAGE}`);
    }
    if (parsed.options.remoteDebuggingPort === 0) {
      throw new ShellUsageError(
        'The browser shell needs a fixed --remote-debugging-port (1 to 65535) to print where to attach.',
      );
    }
    options = parsed.options;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }

  const dataDir = resolve(options.dataDir ?? defaultDataDir());
  mkdirSync(dataDir, { recursive: true, mode: 0o700 }); // owner-only, like the store (store/openStore.ts)
  const linkMode = externalLinkMode(process.env, options.headless);
  const openExternal = createOpenExternal(linkMode);
  const publishing = outboxOptionsFromEnv(process.env);
  // Chromium starts while the database opens: the two are the bulk of a cold start.
  const launching: Promise<Browser> = chromium.launch({
    executablePath: findChromium(),
    headless: options.headless,
    args: chromiumArgs(options, process.getuid?.() === 0),
    // This process decides when to stop (after flushing); Playwright must not close Chromium on a signal first.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  let services: Services;
  try {
    services = createServices({
      dataDir,
      shell: 'browser',
      version,
      openExternal,
      openPath: createOpenPath(linkMode),
      ...(publishing ? { publishing } : {}),
    });
  } catch (error) {
    // No window without the store (a newer database, an unusable folder): close Chromium, then report.
    await launching.then((started) => started.close()).catch(() => undefined);
    throw error;
  }
  const browser: Browser = await launching.catch((error: unknown) => {
    services.close();
    throw error;
  });
  const roots: AppAssetRoots = {
    rendererDir: join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer'),
    readMedia: (hash) => services.media.readImage(hash),
  };
  const context: BrowserContext = await browser.newContext({
    viewport: options.headless ? { width: 1280, height: 800 } : null,
    serviceWorkers: 'block',
    acceptDownloads: false,
    permissions: [],
  });

  // Set once the window exists; the handlers below run before and after that.
  let mainPage: Page | undefined = undefined;
  let shutdown: Promise<never> | undefined;
  const stop = (reason: string, exitCode: number): Promise<never> => {
    shutdown ??= (async () => {
      if (exitCode !== 0) console.error(`Copydesk is stopping: ${reason}`);
      if (mainPage && !mainPage.isClosed()) {
        const page = mainPage;
        await flushRenderer((script) => page.evaluate(script), FLUSH_TIMEOUT_MS);
      }
      try {
        services.close();
      } catch (error) {
        console.error('Copydesk could not close its database cleanly:', error);
        exitCode = exitCode || 1;
      }
      await browser.close().catch(() => undefined);
      process.exit(exitCode);
    })();
    return shutdown;
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void stop(signal, 0));
  }
  // A bug in a handler must not drop the database mid-write: flush, close, and report the failure.
  process.on(
    'uncaughtException',
    (error) => void stop(`unexpected error: ${error.stack ?? error.message}`, 1),
  );
  process.on('unhandledRejection', (reason) => void stop(`unexpected error: ${String(reason)}`, 1));
  browser.on('disconnected', () => void stop('the browser closed', 0));

  await context.route('**/*', (route) => routeRequest(route));
  async function routeRequest(route: Route): Promise<void> {
    try {
      const request = route.request();
      const url = request.url();
      if (isOnAppOrigin(url, BROWSER_APP_ORIGIN)) {
        const response = await serveAppRequest(request.method(), new URL(url).pathname, roots);
        await route.fulfill({ status: response.status, headers: response.headers, body: response.body });
        return;
      }
      // A followed link (in the window, or a target=_blank one whose new window is closed at once):
      // like Electron, hand http(s) and mailto to the system browser and stay put.
      if (request.isNavigationRequest() && isTopLevelOrNewWindow(request)) {
        const external = safeExternalUrl(url);
        if (external) await openExternal(external).catch(() => undefined);
      }
      await route.abort('blockedbyclient');
    } catch (error) {
      console.error('Copydesk blocked a request it could not handle:', error);
      await route.abort('blockedbyclient').catch(() => undefined);
    }
  }
  function isTopLevelOrNewWindow(request: Request): boolean {
    try {
      return request.frame() === mainPage?.mainFrame();
    } catch {
      // Playwright has no frame yet for the first navigation of a new window.
      return true;
    }
  }

  // Large byte arrays arrive in chunks (see chunkedUploads.ts) so the page's UI thread never stalls.
  const uploads = createChunkedUploads();
  await context.exposeBinding(BINDING_NAME, async (source, channel: unknown, input: unknown) => {
    const fromMainFrame =
      mainPage !== undefined && source.page === mainPage && source.frame === mainPage.mainFrame();
    if (!fromMainFrame || !isOnAppOrigin(source.frame.url(), BROWSER_APP_ORIGIN)) {
      throw new Error('Copydesk only answers requests from its own main window.');
    }
    // Results travel as one JSON string: Playwright serializes a returned object value by value,
    // which took seconds for a list of 10,000 drafts; a string crosses in milliseconds.
    // (No result carries bytes; requests may, and keep Playwright's own serialization.)
    if (uploads.acceptChunk(channel, input)) return JSON.stringify({ ok: true, value: {} });
    let resolvedInput: unknown;
    try {
      resolvedInput = uploads.resolveUploads(input);
    } catch (error) {
      return JSON.stringify({
        ok: false,
        error: { code: 'invalid_input', message: (error as Error).message },
      });
    }
    return JSON.stringify(await services.dispatch(channel, resolvedInput));
  });
  await context.addInitScript({ content: bridgeInitScript() });

  context.on('page', (page) => {
    if (mainPage === undefined) return;
    if (page !== mainPage) void page.close().catch(() => undefined);
  });

  mainPage = await context.newPage();
  const page = mainPage;
  page.on('close', () => void stop('the window closed', 0));
  page.on('popup', (popup) => void popup.close().catch(() => undefined));
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && !isOnAppOrigin(frame.url(), BROWSER_APP_ORIGIN)) {
      void page.goto(APP_URL).catch(() => undefined);
    }
  });

  console.log(
    `Copydesk running in the browser shell (data: ${dataDir}, CDP: ${
      options.remoteDebuggingPort ? `127.0.0.1:${options.remoteDebuggingPort}` : 'off'
    })`,
  );
  await page.goto(APP_URL, { waitUntil: 'load' });
  console.log(
    READY_PREFIX +
      JSON.stringify({
        shell: 'browser',
        cdpPort: options.remoteDebuggingPort ?? null,
        pid: process.pid,
        dataDir,
      }),
  );
}

main().catch((error: unknown) => {
  console.error(
    `Copydesk could not start the browser shell: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
