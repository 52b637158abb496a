// The browser shell: the built renderer in system Chromium driven by
// playwright-core, the services in a worker thread (the same worker entry
// Electron forks as a utilityProcess), and the same window.copydesk object
// the Electron preload exposes. Runs where Electron's binary is absent;
// never imports electron. Started by browserShellEntry.ts, which has already
// started the services worker's thread, parsed the command line and begun
// launching Chromium:
//
//   node out/main/browser-shell.js [--data-dir <folder>] [--remote-debugging-port <n>] [--headless]
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page, Request, Route } from 'playwright-core';
import { version } from '../../package.json';
import { BRIDGE_GLOBAL } from '../../src-shared/ipc';
import { createServicesHost } from '../host/servicesHost';
import {
  createOpenExternal,
  createOpenPath,
  createShutdown,
  externalLinkMode,
  installProcessHandlers,
  isTrustedSender,
  UNTRUSTED_SENDER_MESSAGE,
} from '../host/shellHost';
import { spawnThreadWorker } from '../host/threadWorker';
import type { HostRequest, WorkerHandle } from '../worker/protocol';
import { readRendererFiles, serveAppRequest, type AppAssetRoots } from './appAssets';
import { APP_ENTRY_PATH, BROWSER_APP_ORIGIN, isOnAppOrigin } from './appOrigin';
import { createChunkedUploads, uploadClientScript } from './chunkedUploads';
import { safeExternalUrl } from '../../src-shared/links';
import { flushRenderer } from './flushRenderer';
import { openWithSystem } from './openExternally';
import { defaultDataDir, type ShellOptions } from './shellOptions';
import type { StartupTrace } from './startupTrace';

const BINDING_NAME = '__copydeskInvoke';
/** Where the init script receives pushed events (the launcher calls it with page.evaluate). */
const EVENT_HOOK = '__copydeskEvent';
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
  const listeners = new Map();
  Object.defineProperty(window, ${JSON.stringify(EVENT_HOOK)}, {
    value: (name, payload) => {
      for (const listener of listeners.get(name) ?? []) {
        try { listener(payload); } catch (error) { console.error('A listener of ' + name + ' failed:', error); }
      }
    },
    writable: false, configurable: false, enumerable: false,
  });
  const bridge = Object.freeze({
    shell: 'browser',
    invoke: async (channel, input) => JSON.parse(await send(channel, input)),
    on: (event, listener) => {
      if (typeof event !== 'string' || typeof listener !== 'function') return () => undefined;
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => { set.delete(listener); };
    },
  });
  Object.defineProperty(window, ${JSON.stringify(BRIDGE_GLOBAL)}, { value: bridge, writable: false, configurable: false, enumerable: true });
})();`;
}

export interface BrowserShellStart {
  /** out/main: where services-worker.js is, beside ../renderer. */
  mainDir: string;
  /** The services worker's thread, started by the entry before this module loaded; the first spawn takes it. */
  earlyWorker: WorkerHandle | null;
  /** Started by the entry as its first step (COPYDESK_TRACE_STARTUP). */
  trace: StartupTrace;
  /** The command line, parsed by the entry. */
  options: ShellOptions;
  /** Chromium, launched by the entry as soon as playwright-core had loaded (launchChromium). */
  launching: Promise<Browser>;
}

export function runBrowserShell(start: BrowserShellStart): void {
  const refusal = { started: false };
  main(start, refusal).catch((error: unknown) => {
    // Once a start is refused (its reason printed), closing the browser fails the steps still running: noise.
    if (refusal.started) return;
    console.error(
      `Copydesk could not start the browser shell: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  });
}

async function main(
  { mainDir, earlyWorker, trace, options, launching }: BrowserShellStart,
  refusal: { started: boolean },
): Promise<void> {
  trace.mark('launcher running');
  const dataDir = resolve(options.dataDir ?? defaultDataDir());
  // The services worker makes the folder (owner-only) when it opens the store, and says plainly when it cannot.
  const linkMode = externalLinkMode(process.env, options.headless);
  const openExternal = createOpenExternal(linkMode, openWithSystem);
  const openPath = createOpenPath(linkMode, openWithSystem);
  // The renderer's files are read into memory meanwhile: the page's first requests are answered without a disk read.
  const rendererDir = join(mainDir, '..', 'renderer');
  const readingRenderer = readRendererFiles(rendererDir);
  // Set once the window exists; the handlers below run before and after that.
  let mainPage: Page | undefined = undefined;
  const sendEvent = (name: string, payload: unknown): void => {
    const page = mainPage;
    if (!page || page.isClosed()) return;
    page
      .evaluate(
        // One JSON string crosses faster than Playwright's value-by-value serialization.
        ([hook, eventName, json]) => {
          const receive = (globalThis as unknown as Record<string, unknown>)[hook];
          if (typeof receive === 'function') receive(eventName, JSON.parse(json) as unknown);
        },
        [EVENT_HOOK, name, JSON.stringify(payload ?? null)] as const,
      )
      .catch(() => undefined);
  };
  // Set once Chromium is up; a fatal worker crash before that exits at once.
  const stopper: { stop?: (reason: string, exitCode: number) => Promise<void> } = {};
  const hostRequest = async (request: HostRequest): Promise<void> => {
    switch (request.op) {
      case 'openExternal':
        return openExternal(request.url);
      case 'openPath':
        return openPath(request.path);
      default:
        // The worker keeps the browser shell's secrets file itself.
        throw new Error(`The browser shell does not handle ${request.op}.`);
    }
  };
  // The services (SQLite, media, outbox) run in a worker thread (worker/servicesWorker.ts);
  // this process only routes messages, drives Chromium and talks to the OS.
  let prestarted = earlyWorker;
  const services = createServicesHost({
    spawn: () => {
      const handle = prestarted ?? spawnThreadWorker(join(mainDir, 'services-worker.js'));
      prestarted = null;
      return handle;
    },
    startOptions: () => ({ dataDir, shell: 'browser', version }),
    onEvent: sendEvent,
    hostRequest,
    onFatal: (message) => {
      if (stopper.stop) {
        void stopper.stop(message, 1);
        return;
      }
      console.error(message);
      process.exit(1);
    },
  });
  trace.mark('services worker starting');
  // The window is set up and the page loads while the worker opens the database: a request the page
  // sends meanwhile waits in the worker's queue, behind its start. Settles to the start's failure, or null.
  const servicesFailure: Promise<Error | null> = services.start().then(
    () => {
      trace.mark('services ready');
      return null;
    },
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
  const browser: Browser = await launching.catch(async (error: unknown) => {
    await services.close();
    throw error;
  });
  trace.mark('chromium launched');
  const roots: AppAssetRoots = {
    rendererDir,
    readMedia: (hash) => services.readMedia(hash),
    files: await readingRenderer,
  };
  const context: BrowserContext = await browser.newContext({
    viewport: options.headless ? { width: 1280, height: 800 } : null,
    serviceWorkers: 'block',
    acceptDownloads: false,
    permissions: [],
  });

  const shutdown = createShutdown({
    flushRenderer: async () => {
      const page = mainPage;
      if (page && !page.isClosed()) await flushRenderer((script) => page.evaluate(script), FLUSH_TIMEOUT_MS);
    },
    closeServices: () => services.close(),
    exit: async (code) => {
      await browser.close().catch(() => undefined);
      process.exit(code);
    },
  });
  stopper.stop = shutdown;
  // A bug in a handler must not drop the database mid-write: flush, close, and report the failure.
  installProcessHandlers(shutdown);
  browser.on('disconnected', () => void shutdown('the browser closed', 0));
  // No window without the store (a newer database, an unusable folder): close it at once and report.
  const refuseStart = (failure: Error): Promise<void> => {
    refusal.started = true;
    return shutdown(`Copydesk could not start the browser shell: ${failure.message}`, 1);
  };
  void servicesFailure.then((failure) => failure && refuseStart(failure));

  const routing = context.route('**/*', (route) => routeRequest(route));
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
      // like Electron, hand http(s) and mailto to the system browser and stay put. A navigation is
      // cancelled ('aborted', as a download or a 204 would end it), so the page stays as it was: refused
      // any other way, Chromium would commit its error page in place of the app, and the framenavigated
      // guard below would then load the app again from scratch.
      if (request.isNavigationRequest()) {
        if (isTopLevelOrNewWindow(request)) {
          const external = safeExternalUrl(url);
          if (external) await openExternal(external).catch(() => undefined);
        }
        await route.abort('aborted');
        return;
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
  const binding = context.exposeBinding(BINDING_NAME, async (source, channel: unknown, input: unknown) => {
    const trusted = isTrustedSender(
      {
        fromMainWindow: mainPage !== undefined && source.page === mainPage,
        fromMainFrame: source.frame === mainPage?.mainFrame(),
        url: source.frame.url(),
      },
      BROWSER_APP_ORIGIN,
    );
    if (!trusted) throw new Error(UNTRUSTED_SENDER_MESSAGE);
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
    return JSON.stringify(await services.invoke(channel, resolvedInput));
  });
  // Independent set-up steps, each a round trip to Chromium: sent together, all done before the page opens.
  await Promise.all([
    routing,
    binding,
    context.addInitScript({ content: bridgeInitScript() }),
    trace.install(context),
  ]);

  context.on('page', (page) => {
    if (mainPage === undefined) return;
    if (page !== mainPage) void page.close().catch(() => undefined);
  });

  mainPage = await context.newPage();
  const page = mainPage;
  page.on('close', () => void shutdown('the window closed', 0));
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
  trace.mark('page created');
  await page.goto(APP_URL, { waitUntil: 'load' });
  trace.mark('page loaded');
  trace.followPage(page);
  // Ready means the store is open too: a launcher that waits for this line never gets a window without one.
  const failure = await servicesFailure;
  if (failure) return refuseStart(failure);
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
