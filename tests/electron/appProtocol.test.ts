// app:// as the built main process serves it: the renderer and its assets
// with the CSP header, nothing outside the renderer folder whatever the path
// looks like, and /media only for images the app stored.
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mediaPathIn } from '../../src-main/services/media/mediaStore';
import { makeJpeg } from '../fixtures/makeImages';
import { bridgeFor, type Bridge } from '../support/electronStandin/bridge';
import {
  copyBuiltApp,
  launchMain,
  type AppCopy,
  type RunningMain,
} from '../support/electronStandin/launchMain';

// Each spec starts real processes; slow CI runners (Windows) get room before a test counts as hung.
vi.setConfig({ testTimeout: 60_000 });

interface Served {
  handled: boolean;
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

let app: AppCopy;
let main: RunningMain;
let bridge: Bridge;
let dataDir: string;
let secretFile: string;
const SECRET = `standin-secret-${Math.random().toString(36).slice(2)}`;

const get = (url: string, method = 'GET'): Promise<Served> =>
  main.op<Served>('protocolRequest', { url, method });
const text = (served: Served): string => Buffer.from(served.body).toString('utf8');

beforeAll(async () => {
  app = copyBuiltApp();
  dataDir = mkdtempSync(join(tmpdir(), 'copydesk-standin-data-'));
  // A file beside the built app, outside the renderer folder: nothing on app:// may reach it.
  secretFile = join(app.root, 'secret.txt');
  writeFileSync(secretFile, SECRET);
  writeFileSync(join(dataDir, 'secret.txt'), SECRET);
  main = launchMain(app, { dataDir });
  bridge = await bridgeFor(main);
}, 300_000);
afterAll(async () => {
  await main?.stop();
  app?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function expectCsp(served: Served): string {
  const csp = served.headers['content-security-policy'] ?? '';
  expect(csp, 'every response carries a Content-Security-Policy').not.toBe('');
  return csp;
}

describe('app:// serves the renderer', () => {
  it('the page the window loads is the built index.html, with a CSP that allows no inline or remote script', async () => {
    const [{ url }] = [await main.windowLoaded()];
    const served = await get(url);
    expect(served.handled).toBe(true);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toMatch(/^text\/html/);
    expect(text(served)).toBe(readFileSync(join(app.rendererDir, 'index.html'), 'utf8'));
    const csp = expectCsp(served);
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
    expect(served.headers['x-content-type-options']).toBe('nosniff');
  });

  it('app:// is registered before ready as a secure standard scheme with the V8 code cache, and no CSP bypass', () => {
    const registered = main.entries('protocol.registerSchemesAsPrivileged');
    expect(registered).toHaveLength(1);
    expect(registered[0]?.beforeReady).toBe(true);
    const schemes = registered[0]?.schemes as { scheme: string; privileges: Record<string, boolean> }[];
    const app = schemes.find((entry) => entry.scheme === 'app');
    expect(app?.privileges).toMatchObject({ standard: true, secure: true, codeCache: true });
    expect(app?.privileges['bypassCSP'] ?? false).toBe(false);
  });

  it('the origin root serves the same page', async () => {
    const served = await get('app://copydesk/');
    expect(served.status).toBe(200);
    expect(text(served)).toBe(readFileSync(join(app.rendererDir, 'index.html'), 'utf8'));
  });

  it('every script and stylesheet index.html names is served with its type and the CSP', async () => {
    const { url: pageUrl } = await main.windowLoaded();
    const html = readFileSync(join(app.rendererDir, 'index.html'), 'utf8');
    // What the page will fetch: each src/href resolved against the page's own URL.
    const assets = [...html.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map(
      (m) => new URL(m[1]!, pageUrl),
    );
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const served = await get(asset.href);
      expect(served.status, asset.href).toBe(200);
      expect(served.headers['content-type']).toMatch(
        asset.pathname.endsWith('.js') ? /^text\/javascript/ : /^text\/css/,
      );
      const file = join(app.rendererDir, ...asset.pathname.split('/'));
      expect(Buffer.from(served.body).equals(readFileSync(file))).toBe(true);
      expectCsp(served);
    }
  });

  it('the image preview worker the bundle starts is served as a script with the CSP, which allows workers only from the app', async () => {
    const { url: pageUrl } = await main.windowLoaded();
    // The chunk that starts it (the editor's, a lazy chunk) names the worker's file.
    const assets = join(app.rendererDir, 'assets');
    const scripts = readdirSync(assets).filter(
      (name) => name.endsWith('.js') && !name.startsWith('previewWorker-'),
    );
    const workerName = scripts
      .map((name) => /previewWorker-[\w-]+\.js/.exec(readFileSync(join(assets, name), 'utf8'))?.[0])
      .find((name) => name !== undefined);
    expect(workerName, 'a renderer chunk names its preview worker').toBeDefined();
    const served = await get(new URL(`assets/${workerName}`, pageUrl).href);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toMatch(/^text\/javascript/);
    const csp = expectCsp(served);
    expect(csp).toMatch(/worker-src 'self'(;|$)/);
  });

  it('a missing file is a 404 that still carries the CSP', async () => {
    const served = await get('app://copydesk/no-such-file.js');
    expect(served.status).toBe(404);
    expectCsp(served);
  });

  it('only reading is allowed', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const served = await get('app://copydesk/index.html', method);
      expect(served.status, method).toBe(405);
    }
  });

  it('another host on the app scheme is not the app', async () => {
    const served = await get('app://evil/index.html');
    expect(served.status).toBe(404);
    expect(text(served)).not.toContain('<html');
  });
});

describe('app:// refuses every way out of the renderer folder', () => {
  const traversals = (): string[] => {
    const absolute = secretFile.replace(/\\/g, '/');
    return [
      'app://copydesk/..%2f..%2fsecret.txt',
      'app://copydesk/..%2F..%2Fsecret.txt',
      'app://copydesk/assets/..%2f..%2f..%2fsecret.txt',
      'app://copydesk/%2e%2e/%2e%2e/secret.txt',
      'app://copydesk/.%2e/.%2e/secret.txt',
      'app://copydesk/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://copydesk/%2E%2E%2F%2E%2E%2Fsecret.txt',
      'app://copydesk/..%5c..%5csecret.txt',
      'app://copydesk/%252e%252e%252f%252e%252e%252fsecret.txt',
      'app://copydesk/..%c0%af..%c0%afsecret.txt',
      `app://copydesk/${encodeURIComponent(absolute)}`,
      `app://copydesk/%2f${absolute.replace(/^\//, '')}`,
      `app://copydesk//${absolute.replace(/^\//, '')}`,
      'app://copydesk/%2fetc%2fpasswd',
      'app://copydesk/C:%5cWindows%5cwin.ini',
      'app://copydesk/C:/Windows/win.ini',
      'app://copydesk/%5c%5c%3f%5cC:%5cWindows%5cwin.ini',
      'app://copydesk/index.html%00.png',
      'app://copydesk/%00',
      'app://copydesk/media/..%2f..%2fsecret.txt',
      'app://copydesk/media/..%2fsecret.txt',
    ];
  };

  it('no encoded, dotted, absolute or NUL path reaches a file outside (each answered 404 without the file)', async () => {
    for (const url of traversals()) {
      const served = await get(url);
      expect(served.status, url).toBe(404);
      expect(text(served), url).not.toContain(SECRET);
      expectCsp(served);
    }
  });

  it('symlinks inside the renderer folder that lead outside it are not followed', async (context) => {
    const fileLink = join(app.rendererDir, 'linked-secret.txt');
    const dirLink = join(app.rendererDir, 'linked-dir');
    try {
      symlinkSync(secretFile, fileLink, 'file');
      symlinkSync(dirname(secretFile), dirLink, process.platform === 'win32' ? 'junction' : 'dir');
    } catch (error) {
      // Windows without Developer Mode may not create file symlinks; the workflow's other systems cover it.
      if ((error as NodeJS.ErrnoException).code === 'EPERM') context.skip();
      throw error;
    }
    for (const url of ['app://copydesk/linked-secret.txt', 'app://copydesk/linked-dir/secret.txt']) {
      const served = await get(url);
      expect(served.status, url).toBe(404);
      expect(text(served), url).not.toContain(SECRET);
    }
  });
});

describe('app://copydesk/media', () => {
  it('serves an image the app stored, with its type and a CSP that lets nothing in it run', async () => {
    const bytes = makeJpeg(32, 24);
    const stored = await bridge.invoke('images:import', { bytes: new Uint8Array(bytes), name: 'photo.jpg' });
    expect(stored.ok, JSON.stringify(stored)).toBe(true);
    const hash = createHash('sha256').update(bytes).digest('hex');
    const served = await get(`app://copydesk/media/${hash}`);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(Buffer.from(served.body).equals(bytes)).toBe(true);
    const csp = expectCsp(served);
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/sandbox/);
  });

  it('is 404 for a hash nothing was stored under, for odd hash forms and for bytes that are not an accepted image', async () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const htmlHash = createHash('sha256').update(html).digest('hex');
    // Planted straight into the data folder where an image with that hash would live.
    const planted = mediaPathIn(dataDir, htmlHash);
    mkdirSync(dirname(planted), { recursive: true });
    writeFileSync(planted, html);
    const jpegHash = createHash('sha256').update(makeJpeg(32, 24)).digest('hex');
    for (const path of [
      `/media/${'0'.repeat(64)}`,
      `/media/${htmlHash}`,
      `/media/${jpegHash.toUpperCase()}`,
      `/media/${jpegHash}.jpg`,
      `/media/${jpegHash.slice(0, 2)}/${jpegHash}`,
      '/media/secret.txt',
      '/media/',
      '/media/..%2f',
    ]) {
      const served = await get(`app://copydesk${path}`);
      expect(served.status, path).toBe(404);
      expect(text(served), path).not.toContain('<script>');
    }
  });
});
