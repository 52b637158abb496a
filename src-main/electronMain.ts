// The Electron shell: single instance per data folder, one hardened window
// loading the renderer from app://copydesk, one IPC channel to the services.
// The services run in a utilityProcess (the same worker entry the browser
// shell starts as a worker thread); this process routes messages to it.
//
//   electron out/main/index.js [--data-dir <folder>] [--remote-debugging-port <n>]
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, safeStorage, session, shell } from 'electron';
import {
  createSafeStorageSecretStore,
  secretsForWorker,
  type SafeStorageSecretStore,
} from './electron/safeStorageSecretStore';
import { handleAppProtocol, registerAppScheme } from './electron/appProtocol';
import { installAppMenu, installContextMenu } from './electron/appMenu';
import { hardenAllWebContents, hardenSession } from './electron/hardening';
import { registerInvokeHandler, sendEvent } from './electron/invokeHandler';
import { spawnUtilityWorker } from './electron/utilityWorker';
import { createServicesHost } from './host/servicesHost';
import {
  createOpenExternal,
  createOpenPath,
  createShutdown,
  externalLinkMode,
  installProcessHandlers,
} from './host/shellHost';
import { APP_ENTRY_PATH, ELECTRON_APP_ORIGIN } from './shells/appOrigin';
import { flushRenderer } from './shells/flushRenderer';
import { parseShellArgs, ShellUsageError, type ShellOptions } from './shells/shellOptions';
import type { HostRequest } from './worker/protocol';

const FLUSH_TIMEOUT_MS = 3_000;
const here = dirname(fileURLToPath(import.meta.url));

function readOptions(): ShellOptions {
  try {
    // Electron and Chromium add their own switches; only ours are read here.
    return parseShellArgs(process.argv.slice(1)).options;
  } catch (error) {
    console.error(error instanceof ShellUsageError ? error.message : String(error));
    app.exit(2);
    throw error;
  }
}

const options = readOptions();
// The data folder is also Electron's userData, so the single-instance lock is per data folder
// and Chromium's own files stay in a subfolder of it.
const dataDir = resolve(options.dataDir ?? app.getPath('userData'));
/** Why the data folder cannot be used (e.g. a file stands where it should be), or null. */
const dataDirProblem = prepareDataDir(dataDir);
if (dataDirProblem === null) {
  app.setPath('userData', dataDir);
  app.setPath('sessionData', join(dataDir, 'chromium'));
}
if (options.remoteDebuggingPort !== undefined) {
  // Opt-in only: the CDP port is how Playwright drives the app from outside.
  app.commandLine.appendSwitch('remote-debugging-port', String(options.remoteDebuggingPort)); // eng-disable CUSTOM_ARGUMENTS_JS_CHECK
}
registerAppScheme();

const linkMode = externalLinkMode(process.env, false);
// Only what the link rule lets through (http, https, mailto without credentials) reaches the system.
const openExternal = createOpenExternal(linkMode, (url) => shell.openExternal(url)); // eng-disable OPEN_EXTERNAL_JS_CHECK
// Only reached for files the publish service recorded as its own local-folder output.
const openPath = createOpenPath(linkMode, async (path) => {
  const failure = await shell.openPath(path);
  if (failure) throw new Error(failure);
});
let mainWindow: BrowserWindow | undefined;
let secretStore: SafeStorageSecretStore | undefined;

/** What only this process can do for the services worker. */
async function hostRequest(request: HostRequest): Promise<void> {
  switch (request.op) {
    case 'openExternal':
      return openExternal(request.url);
    case 'openPath':
      return openPath(request.path);
    case 'secret:set':
    case 'secret:delete': {
      try {
        if (!secretStore) throw new Error('the keychain is not open yet');
        if (request.op === 'secret:set') secretStore.set(request.targetId, request.secret);
        else secretStore.delete(request.targetId);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        sendEvent(mainWindow, 'app:notice', {
          level: 'error',
          message: `Copydesk could not store a publish target's password or token in the system keychain: ${detail} Enter it again in "Publish targets".`,
        });
        throw error;
      }
      return;
    }
  }
}

// The services (SQLite, media, outbox) run in a utilityProcess (worker/servicesWorker.ts);
// this process only routes messages, owns the window and talks to the OS.
const services = createServicesHost({
  spawn: () => spawnUtilityWorker(join(here, 'services-worker.js')),
  startOptions: () => ({
    dataDir,
    shell: 'electron',
    version: app.getVersion(),
    documentsDir: app.getPath('documents'),
    // Unpackaged runs (npm start, e2e) load a better-sqlite3 built for Electron's ABI, prepared by
    // scripts/electron-sqlite.mjs; packaged apps carry one rebuilt by electron-builder.
    ...(!app.isPackaged && process.env.COPYDESK_SQLITE_BINDING
      ? { sqliteNativeBinding: process.env.COPYDESK_SQLITE_BINDING }
      : {}),
    ...(secretStore ? { secrets: secretsForWorker(secretStore) } : {}),
  }),
  onEvent: (name, payload) => sendEvent(mainWindow, name, payload),
  hostRequest,
  onFatal: (message) => {
    dialog.showErrorBox('Copydesk must close', message);
    void shutdown(message, 1);
  },
});

let shutdownStarted = false;
const stop = createShutdown({
  flushRenderer: async () => {
    const window = mainWindow;
    if (window && !window.isDestroyed()) {
      await flushRenderer((script) => window.webContents.executeJavaScript(script, true), FLUSH_TIMEOUT_MS);
    }
  },
  closeServices: () => services.close(),
  exit: (code) => app.exit(code),
});
/** Flush the renderer's pending saves, close the database, exit. Runs once, whatever asked first. */
function shutdown(reason: string, exitCode: number): Promise<void> {
  shutdownStarted = true;
  return stop(reason, exitCode);
}

function prepareDataDir(dir: string): string | null {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 }); // owner-only, like the store (store/openStore.ts)
    return null;
  } catch (error) {
    return `Copydesk cannot use the data folder ${dir} (${error instanceof Error ? error.message : String(error)}). Check that it is a folder you may write to, or start Copydesk with --data-dir pointing at another folder.`;
  }
}

/** A person started the app: say why it stops (a newer database, an unusable data folder), then exit 1. */
function failStart(message: string): void {
  console.error(`Copydesk could not start: ${message}`);
  dialog.showErrorBox('Copydesk could not start', message);
  app.exit(1);
}

function createMainWindow(): BrowserWindow {
  // Navigation and window.open are blocked for every web contents (hardening.ts); auxclick is off too.
  const window = new BrowserWindow({
    title: 'Copydesk',
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      // The preload exposes one frozen invoke() and nothing else (preload/preload.ts).
      preload: join(here, '..', 'preload', 'index.cjs'), // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => window.show());
  window.on('close', (event) => {
    if (shutdownStarted) return;
    event.preventDefault();
    void shutdown('the window closed', 0);
  });
  installContextMenu(window.webContents);
  void window.loadURL(ELECTRON_APP_ORIGIN + APP_ENTRY_PATH);
  return window;
}

function configureSpellchecker(): void {
  // macOS uses the system spellchecker; elsewhere pick the user's languages Chromium has dictionaries for.
  if (process.platform === 'darwin') return;
  const available = new Set(session.defaultSession.availableSpellCheckerLanguages);
  const wanted = app
    .getPreferredSystemLanguages()
    .flatMap((tag) => [tag, tag.split('-')[0] ?? tag])
    .filter((tag) => available.has(tag));
  session.defaultSession.setSpellCheckerLanguages(wanted.length > 0 ? [...new Set(wanted)] : ['en-US']);
  session.defaultSession.setSpellCheckerEnabled(true);
}

if (dataDirProblem !== null) {
  failStart(dataDirProblem);
} else if (!app.requestSingleInstanceLock()) {
  console.log(`Copydesk is already running with the data folder ${dataDir}; switching to that window.`);
  app.exit(0);
} else {
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('before-quit', (event) => {
    if (shutdownStarted) return;
    event.preventDefault();
    void shutdown('quit', 0);
  });
  app.on('window-all-closed', () => void shutdown('the window closed', 0));
  installProcessHandlers(shutdown);
  hardenAllWebContents(openExternal);

  app
    .whenReady()
    .then(async () => {
      secretStore = createSafeStorageSecretStore(dataDir, safeStorage);
      await services.start();
      hardenSession(session.defaultSession);
      handleAppProtocol(session.defaultSession, {
        rendererDir: join(here, '..', 'renderer'),
        readMedia: (hash) => services.readMedia(hash),
      });
      configureSpellchecker();
      installAppMenu(!app.isPackaged);
      registerInvokeHandler(
        (channel, input) => services.invoke(channel, input),
        () => mainWindow,
      );
      mainWindow = createMainWindow();
      console.log(
        `Copydesk running in the Electron shell (data: ${dataDir}, CDP: ${
          options.remoteDebuggingPort !== undefined ? `127.0.0.1:${options.remoteDebuggingPort}` : 'off'
        })`,
      );
    })
    .catch(async (error: unknown) => {
      // Close the worker's database first so nothing is left half-open, then say why we stop.
      shutdownStarted = true;
      await services.close();
      failStart(error instanceof Error ? error.message : String(error));
    });
}
