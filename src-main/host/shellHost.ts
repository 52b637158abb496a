// What both shells do the same way, written once: the shutdown sequence, the
// crash handlers, handing links and files to the system, and the check of who
// sent a request. Plain Node (no electron, no playwright): each shell passes
// in its own way to flush the window, open a URL and end the process.
import { safeExternalUrl } from '../../src-shared/links';
import { isOnAppOrigin } from '../shells/appOrigin';

// ---------------------------------------------------------------- shutdown

export interface ShutdownSteps {
  /** Runs the renderer's flush hook (shells/flushRenderer.ts) when a window exists. */
  flushRenderer(): Promise<unknown>;
  /** Asks the services worker to close the database; resolves to a problem in words, or null. */
  closeServices(): Promise<string | null>;
  /** Ends the process with this code (after shell-specific cleanup, e.g. closing Chromium). */
  exit(code: number): void | Promise<void>;
}

export type Stop = (reason: string, exitCode: number) => Promise<void>;

/**
 * The one shutdown order, whatever asked first (window close, quit, a signal,
 * a crash): flush the renderer's pending saves, close the database in the
 * worker, exit. Runs once; later calls wait for the first.
 */
export function createShutdown(steps: ShutdownSteps, log: (message: string) => void = console.error): Stop {
  let running: Promise<void> | undefined;
  return (reason, exitCode) => {
    running ??= (async () => {
      let code = exitCode;
      if (code !== 0) log(`Copydesk is stopping: ${reason}`);
      try {
        await steps.flushRenderer();
      } catch (error) {
        log(`Copydesk could not flush pending saves: ${describe(error)}`);
      }
      const problem = await steps.closeServices().catch((error: unknown) => describe(error));
      if (problem) {
        log(`Copydesk could not close its database cleanly: ${problem}`);
        code = code || 1;
      }
      await steps.exit(code);
    })();
    return running;
  };
}

/**
 * Signals stop the app cleanly (exit 0); an uncaught exception or unhandled
 * rejection in the shell flushes, closes the database and exits 1 with the
 * error printed, so a bug in the shell never drops the database mid-write.
 */
export function installProcessHandlers(stop: Stop, target: NodeJS.Process = process): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    target.on(signal, () => void stop(signal, 0));
  }
  target.on(
    'uncaughtException',
    (error) => void stop(`unexpected error: ${error.stack ?? error.message}`, 1),
  );
  target.on('unhandledRejection', (reason) => {
    const detail = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
    void stop(`unexpected error: ${detail}`, 1);
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------- sender check

export const UNTRUSTED_SENDER_MESSAGE = 'Copydesk only answers requests from its own main window.';

export interface SenderFacts {
  /** The request came from the app's own window (Electron: its webContents; browser shell: its page). */
  fromMainWindow: boolean;
  /** ...and from that window's top frame, not a sub-frame. */
  fromMainFrame: boolean;
  /** The sending frame's URL. */
  url: string;
}

/** Both shells answer only their own window's main frame on the app's origin. */
export function isTrustedSender(facts: SenderFacts, appOrigin: string): boolean {
  return facts.fromMainWindow && facts.fromMainFrame && isOnAppOrigin(facts.url, appOrigin);
}

// ---------------------------------------------------------------- links and files

export type ExternalLinkMode = 'open' | 'log';

/**
 * `COPYDESK_EXTERNAL_LINKS=log` (set by the e2e launcher, and implied by the
 * browser shell's --headless) prints `COPYDESK_EXTERNAL_LINK <url>` or
 * `COPYDESK_OPEN_PATH <path>` instead of starting a program, so tests can see
 * what would open without opening it.
 */
export function externalLinkMode(env: NodeJS.ProcessEnv, headless: boolean): ExternalLinkMode {
  return env.COPYDESK_EXTERNAL_LINKS === 'log' || headless ? 'log' : 'open';
}

export const EXTERNAL_LINK_REFUSED = 'Only http, https and mailto links can be opened outside Copydesk.';

/**
 * Hands a link to the system browser through `systemOpen` (Electron's
 * shell.openExternal, or the browser shell's xdg-open/open/explorer) after
 * the one link rule of src-shared/links.ts.
 */
export function createOpenExternal(
  mode: ExternalLinkMode,
  systemOpen: (url: string) => Promise<void>,
): (url: string) => Promise<void> {
  return async (raw) => {
    const url = safeExternalUrl(raw);
    if (!url) throw new Error(EXTERNAL_LINK_REFUSED);
    if (mode === 'log') {
      console.log(`COPYDESK_EXTERNAL_LINK ${url}`);
      return;
    }
    await systemOpen(url);
  };
}

/** Opens a file the services vetted (a local-folder publication) with the system's default program. */
export function createOpenPath(
  mode: ExternalLinkMode,
  systemOpen: (path: string) => Promise<void>,
): (path: string) => Promise<void> {
  return async (path) => {
    if (mode === 'log') {
      console.log(`COPYDESK_OPEN_PATH ${path}`);
      return;
    }
    await systemOpen(path);
  };
}
