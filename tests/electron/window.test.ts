// The window the built main process opens, and what every web contents and
// the session refuse. Hostile inputs go straight to the handlers the main
// process registered, as Chromium would call them.
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, isAbsolute, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  copyBuiltApp,
  launchMain,
  type AppCopy,
  type RunningMain,
} from '../support/electronStandin/launchMain';

// Each spec starts real processes; slow CI runners (Windows) get room before a test counts as hung.
vi.setConfig({ testTimeout: 60_000 });

let app: AppCopy;
let main: RunningMain;
let dataDir: string;
let webContentsId: number;

beforeAll(async () => {
  app = copyBuiltApp();
  dataDir = mkdtempSync(join(tmpdir(), 'copydesk-standin-data-'));
  // Links go to the (recorded) shell.openExternal, not to the log the e2e launcher asks for.
  main = launchMain(app, { dataDir, env: { COPYDESK_EXTERNAL_LINKS: '' } });
  ({ webContentsId } = await main.windowLoaded());
}, 300_000);
afterAll(async () => {
  await main?.stop();
  app?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const openedExternally = (): string[] => main.entries('shell.openExternal').map((entry) => String(entry.url));

/** URLs a page (or something injected into it) might try to leave the app for. */
const FOREIGN_URLS = [
  'https://evil.example/phish',
  'http://127.0.0.1:18380/wp-admin/',
  'file:///etc/passwd',
  'javascript:alert(document.domain)',
  'data:text/html,<script>alert(1)</script>',
  'about:blank',
  'chrome://settings',
  'devtools://devtools/bundled/inspector.html',
  'app://evil/index.html',
  'app://copydesk.evil.example/index.html',
  'app://user:password@copydesk/index.html',
  'not a url at all',
];

describe('the window', () => {
  it('is created hardened: context isolation, sandbox, no Node, web security, no drag-and-drop navigation', () => {
    const created = main.entries('BrowserWindow.new');
    expect(created).toHaveLength(1);
    const prefs = (created[0]!.options as { webPreferences: Record<string, unknown> }).webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      experimentalFeatures: false,
    });
  });

  it('loads a preload that exists, is the built CommonJS bundle of this app and needs nothing but electron', () => {
    const prefs = (main.entries('BrowserWindow.new')[0]!.options as { webPreferences: { preload: string } })
      .webPreferences;
    const preload = prefs.preload;
    expect(isAbsolute(preload)).toBe(true);
    expect(existsSync(preload), preload).toBe(true);
    expect(extname(preload)).toBe('.cjs');
    expect(
      relative(realpathSync(app.root), realpathSync(preload)).startsWith('..'),
      'inside the app, not somewhere else on disk',
    ).toBe(false);
    // A sandboxed preload cannot load modules from disk: everything but `electron` must be bundled.
    const required = new Set(
      [...readFileSync(preload, 'utf8').matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]),
    );
    expect([...required]).toEqual(['electron']);
  });

  it('uses no Electron API the stand-in lacks (else extend tests/support/electronStandin/electron.mjs)', () => {
    expect(main.entries('unimplemented')).toEqual([]);
  });

  it('loads the renderer from the app origin, never from a file or the network', async () => {
    const loads = main.entries('webContents.loadURL');
    expect(loads).toHaveLength(1);
    expect(String(loads[0]!.url)).toMatch(/^app:\/\/copydesk\//);
  });
});

describe('every web contents', () => {
  it.each(FOREIGN_URLS)('will-navigate to %s is refused', async (url) => {
    const result = await main.op<{ defaultPrevented: boolean; listeners: number }>('navigate', {
      webContentsId,
      event: 'will-navigate',
      url,
    });
    expect(result.listeners).toBeGreaterThan(0);
    expect(result.defaultPrevented).toBe(true);
  });

  it.each(FOREIGN_URLS)('will-redirect to %s is refused', async (url) => {
    const result = await main.op<{ defaultPrevented: boolean }>('navigate', {
      webContentsId,
      event: 'will-redirect',
      url,
    });
    expect(result.defaultPrevented).toBe(true);
  });

  it('a frame navigating off the app origin is refused; in-app navigation is not', async () => {
    const framed = await main.op<{ defaultPrevented: boolean }>('navigate', {
      webContentsId,
      event: 'will-frame-navigate',
      url: 'https://evil.example/frame',
      isMainFrame: false,
    });
    expect(framed.defaultPrevented).toBe(true);
    const inApp = await main.op<{ defaultPrevented: boolean }>('navigate', {
      webContentsId,
      event: 'will-navigate',
      url: 'app://copydesk/index.html#draft',
    });
    expect(inApp.defaultPrevented, 'the app may still move within itself').toBe(false);
  });

  it('a webview is never attached', async () => {
    const result = await main.op<{ defaultPrevented: boolean; listeners: number }>('navigate', {
      webContentsId,
      event: 'will-attach-webview',
      url: 'https://evil.example/',
    });
    expect(result.listeners).toBeGreaterThan(0);
    expect(result.defaultPrevented).toBe(true);
  });

  it('navigation to a web link hands it to the system browser; file, javascript and data URLs go nowhere', async () => {
    const before = openedExternally().length;
    await main.op('navigate', {
      webContentsId,
      event: 'will-navigate',
      url: 'https://example.org/story?id=1',
    });
    await main.op('navigate', { webContentsId, event: 'will-navigate', url: 'file:///etc/passwd' });
    await main.op('navigate', { webContentsId, event: 'will-navigate', url: 'javascript:alert(1)' });
    await main.op('navigate', { webContentsId, event: 'will-navigate', url: 'data:text/html,hi' });
    await new Promise((done) => setTimeout(done, 100));
    expect(openedExternally().slice(before)).toEqual(['https://example.org/story?id=1']);
  });

  it.each([...FOREIGN_URLS, 'app://copydesk/index.html', 'https://example.org/'])(
    'window.open(%s) opens no window',
    async (url) => {
      const result = await main.op<{ action: string; handler: boolean }>('windowOpen', {
        webContentsId,
        url,
      });
      expect(result.handler).toBe(true);
      expect(result.action).toBe('deny');
    },
  );

  it('window.open of a web link hands it to the system browser instead; nothing else is handed on', async () => {
    const before = openedExternally().length;
    await main.op('windowOpen', { webContentsId, url: 'mailto:desk@example.org' });
    await main.op('windowOpen', { webContentsId, url: 'file:///etc/passwd' });
    await main.op('windowOpen', { webContentsId, url: 'javascript:alert(1)' });
    await main.op('windowOpen', { webContentsId, url: 'https://user:secret@example.org/' });
    await new Promise((done) => setTimeout(done, 100));
    expect(openedExternally().slice(before)).toEqual(['mailto:desk@example.org']);
  });

  it('a web contents created later (not the app window) is locked down the same way', async () => {
    const otherId = await main.op<number>('createWebContents', { url: 'app://copydesk/index.html' });
    const navigation = await main.op<{ defaultPrevented: boolean }>('navigate', {
      webContentsId: otherId,
      event: 'will-navigate',
      url: 'https://evil.example/',
    });
    expect(navigation.defaultPrevented).toBe(true);
    const open = await main.op<{ action: string }>('windowOpen', {
      webContentsId: otherId,
      url: 'https://evil.example/',
    });
    expect(open.action).toBe('deny');
  });
});

const PERMISSIONS = [
  'media',
  'geolocation',
  'notifications',
  'midiSysex',
  'pointerLock',
  'fullscreen',
  'openExternal',
  'clipboard-read',
  'clipboard-sanitized-write',
  'display-capture',
  'idle-detection',
  'window-management',
  'storage-access',
  'hid',
  'serial',
  'usb',
  'unknown',
  'not-a-permission-at-all',
];

describe('the session', () => {
  it.each(PERMISSIONS)(
    'a request for the %s permission is refused, from the app or a foreign origin',
    async (permission) => {
      for (const requestingUrl of ['app://copydesk/index.html', 'https://evil.example/']) {
        const result = await main.op<{ granted: unknown; handler: boolean }>('permissionRequest', {
          webContentsId,
          permission,
          requestingUrl,
        });
        expect(result).toEqual({ granted: false, handler: true });
      }
    },
  );

  it.each(PERMISSIONS)('a check for the %s permission says no', async (permission) => {
    for (const requestingOrigin of ['app://copydesk', 'https://evil.example']) {
      const result = await main.op<{ granted: unknown; handler: boolean }>('permissionCheck', {
        webContentsId,
        permission,
        requestingOrigin,
      });
      expect(result).toEqual({ granted: false, handler: true });
    }
  });

  it.each(['hid', 'serial', 'usb'])('%s devices are refused', async (deviceType) => {
    const result = await main.op<{ granted: unknown; handler: boolean }>('devicePermission', {
      deviceType,
      origin: 'app://copydesk',
    });
    expect(result).toEqual({ granted: false, handler: true });
  });

  it.each([
    'http://127.0.0.1:18380/',
    'https://evil.example/beacon?data=secret',
    'ws://127.0.0.1:9222/devtools/browser',
    'wss://evil.example/socket',
    'ftp://files.example.org/a.txt',
    'https://fonts.googleapis.com/css?family=Roboto',
  ])('a network request from the page to %s is cancelled', async (url) => {
    const result = await main.op<{ cancel: boolean; matched: boolean }>('webRequest', { url });
    expect(result).toEqual({ cancel: true, matched: true });
  });

  it('requests to the app origin itself are not cancelled', async () => {
    const result = await main.op<{ cancel: boolean }>('webRequest', {
      url: 'app://copydesk/assets/index.js',
    });
    expect(result.cancel).toBe(false);
  });
});
