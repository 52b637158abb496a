// The Electron shell: single instance per data folder, one hardened window
// loading the renderer from app://copydesk, one IPC channel to the services.
// The services are the same ones the browser shell uses (createServices).
//
//   electron out/main/index.js [--data-dir <folder>] [--remote-debugging-port <n>]
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, safeStorage, session, shell } from 'electron';
import { createServices, type Services } from './services/createServices';
import { createSafeStorageSecretStore } from './electron/safeStorageSecretStore';
import { handleAppProtocol, registerAppScheme } from './electron/appProtocol';
import { installAppMenu, installContextMenu } from './electron/appMenu';
import { createElectronOpenExternal } from './electron/externalLinks';
import { hardenAllWebContents, hardenSession } from './electron/hardening';
import { registerInvokeHandler } from './electron/invokeHandler';
import { APP_ENTRY_PATH, ELECTRON_APP_ORIGIN } from './shells/appOrigin';
import { flushRenderer } from './shells/flushRenderer';
import { externalLinkMode } from './shells/openExternally';
import { outboxOptionsFromEnv } from './shells/outboxEnv';
import { parseShellArgs, ShellUsageError, type ShellOptions } from './shells/shellOptions';

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

const openExternal = createElectronOpenExternal(externalLinkMode(process.env, false));
let services: Services | undefined;
let mainWindow: BrowserWindow | undefined;
let shutdownStarted = false;

/** Flush the renderer's pending saves, close the database, exit 0. Runs once, whatever asked first. */
async function shutdown(): Promise<void> {
  if (shutdownStarted) return;
  shutdownStarted = true;
  const window = mainWindow;
  if (window && !window.isDestroyed()) {
    await flushRenderer((script) => window.webContents.executeJavaScript(script, true), FLUSH_TIMEOUT_MS);
  }
  let exitCode = 0;
  try {
    services?.close();
  } catch (error) {
    console.error('Copydesk could not close its database cleanly:', error);
    exitCode = 1;
  }
  app.exit(exitCode);
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
    void shutdown();
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
    void shutdown();
  });
  app.on('window-all-closed', () => void shutdown());
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void shutdown());
  }
  hardenAllWebContents(openExternal);

  app
    .whenReady()
    .then(() => {
      services = createServices({
        dataDir,
        shell: 'electron',
        version: app.getVersion(),
        openExternal,
        // Only reached for files the publish service recorded as its own local-folder output.
        openPath: async (path) => {
          const failure = await shell.openPath(path);
          if (failure) throw new Error(failure);
        },
        secretStore: createSafeStorageSecretStore(dataDir, safeStorage),
        documentsDir: app.getPath('documents'),
        // Unpackaged runs (npm start, e2e) load a better-sqlite3 built for Electron's ABI, prepared by
        // scripts/electron-sqlite.mjs; packaged apps carry one rebuilt by electron-builder.
        sqliteNativeBinding: app.isPackaged ? undefined : process.env.COPYDESK_SQLITE_BINDING || undefined,
        publishing: outboxOptionsFromEnv(process.env),
      });
      hardenSession(session.defaultSession);
      const mediaStore = services.media;
      handleAppProtocol(session.defaultSession, {
        rendererDir: join(here, '..', 'renderer'),
        readMedia: (hash) => mediaStore.readImage(hash),
      });
      configureSpellchecker();
      installAppMenu(!app.isPackaged);
      const activeServices = services;
      registerInvokeHandler(activeServices.dispatch, () => mainWindow);
      mainWindow = createMainWindow();
      console.log(
        `Copydesk running in the Electron shell (data: ${dataDir}, CDP: ${
          options.remoteDebuggingPort !== undefined ? `127.0.0.1:${options.remoteDebuggingPort}` : 'off'
        })`,
      );
    })
    .catch((error: unknown) => failStart(error instanceof Error ? error.message : String(error)));
}
