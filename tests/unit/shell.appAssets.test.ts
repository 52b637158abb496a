import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  readRendererFiles,
  serveAppRequest,
  type AppAssetRoots,
} from '../../src-main/shells/appAssets';
import Database from 'better-sqlite3';
import { createMediaStore } from '../../src-main/services/media/mediaStore';

let base: string;
let roots: AppAssetRoots;
let dataDir: string;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'copydesk-assets-'));
  dataDir = join(base, 'data');
  const media = createMediaStore({ dataDir, db: new Database(':memory:') });
  roots = { rendererDir: join(base, 'renderer'), readMedia: (hash) => media.readImage(hash) };
  mkdirSync(join(roots.rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(roots.rendererDir, 'index.html'), '<!doctype html><title>Copydesk</title>');
  writeFileSync(join(roots.rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'outside the renderer');
  mkdirSync(join(dataDir, 'media'), { recursive: true });
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

describe('serveAppRequest', () => {
  it('serves index.html for / with the strict CSP header', async () => {
    const response = await serveAppRequest('GET', '/', roots);
    expect(response.status).toBe(200);
    expect(response.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(response.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    // The image preview's worker: the app's own files only, never blob: or data: code.
    expect(CONTENT_SECURITY_POLICY).toMatch(/worker-src 'self'(;|$)/);
    expect(response.body.toString()).toContain('<title>Copydesk</title>');
  });

  it('serves built assets with their content type', async () => {
    const response = await serveAppRequest('GET', '/assets/app.js', roots);
    expect(response.status).toBe(200);
    expect(response.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/index.html%00.js',
    '/%E0%A4%A',
    '/missing.js',
  ])('answers 404 for %s and never leaves the renderer folder', async (pathname) => {
    const response = await serveAppRequest('GET', pathname, roots);
    expect(response.status).toBe(404);
    expect(response.body.toString()).not.toContain('outside the renderer');
  });

  // Creating symlinks needs extra rights on Windows.
  it.skipIf(process.platform === 'win32')(
    'does not follow a symlink that leads out of the renderer folder',
    async () => {
      symlinkSync(join(base, 'secret.txt'), join(roots.rendererDir, 'link.txt'));
      const response = await serveAppRequest('GET', '/link.txt', roots);
      expect(response.status).toBe(404);
    },
  );

  it('refuses to write: only GET and HEAD', async () => {
    expect((await serveAppRequest('POST', '/index.html', roots)).status).toBe(405);
    const head = await serveAppRequest('HEAD', '/index.html', roots);
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it('serves a stored image by its sha256 from media/<first two>/<hash>, sandboxed', async () => {
    const hash = createHash('sha256').update(PNG).digest('hex');
    mkdirSync(join(dataDir, 'media', hash.slice(0, 2)), { recursive: true });
    writeFileSync(join(dataDir, 'media', hash.slice(0, 2), hash), PNG);
    const response = await serveAppRequest('GET', `/media/${hash}`, roots);
    expect(response.status).toBe(200);
    expect(response.headers['Content-Type']).toBe('image/png');
    expect(response.headers['Content-Security-Policy']).toContain('sandbox');
    expect(response.body.equals(PNG)).toBe(true);
  });

  it('answers 404 for a missing image and for anything that is not a sha256', async () => {
    expect((await serveAppRequest('GET', `/media/${'a'.repeat(64)}`, roots)).status).toBe(404);
    expect((await serveAppRequest('GET', '/media/..%2f..%2fsecret.txt', roots)).status).toBe(404);
    expect((await serveAppRequest('GET', `/media/${'A'.repeat(64)}`, roots)).status).toBe(404);
    expect((await serveAppRequest('GET', '/media/aa/../../secret.txt', roots)).status).toBe(404);
  });
});

describe('stored bytes that are not an accepted image', () => {
  it('are never served, so they cannot become a document on the app origin', async () => {
    for (const text of [
      '<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>',
      '<html><script>alert(1)</script>',
    ]) {
      const bytes = Buffer.from(text);
      const hash = createHash('sha256').update(bytes).digest('hex');
      mkdirSync(join(dataDir, 'media', hash.slice(0, 2)), { recursive: true });
      writeFileSync(join(dataDir, 'media', hash.slice(0, 2), hash), bytes);
      expect((await serveAppRequest('GET', `/media/${hash}`, roots)).status).toBe(404);
    }
  });
});

describe('the renderer read ahead (the browser shell reads it while Chromium starts)', () => {
  it('holds every regular file by its path, and serves those from memory', async () => {
    const files = await readRendererFiles(roots.rendererDir);
    expect([...files.keys()].sort()).toEqual(['assets/app.js', 'index.html']);
    // Changed on disk after the read: the read-ahead bytes are what is served.
    writeFileSync(join(roots.rendererDir, 'assets', 'app.js'), 'console.log(2)');
    const response = await serveAppRequest('GET', '/assets/app.js', { ...roots, files });
    expect(response.status).toBe(200);
    expect(response.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(response.body.toString()).toBe('console.log(1)');
    expect((await serveAppRequest('GET', '/', { ...roots, files })).body.toString()).toContain('Copydesk');
  });

  it('reads a file it does not hold from disk, as before', async () => {
    const files = await readRendererFiles(roots.rendererDir);
    writeFileSync(join(roots.rendererDir, 'assets', 'late.js'), 'console.log(3)');
    const response = await serveAppRequest('GET', '/assets/late.js', { ...roots, files });
    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('console.log(3)');
  });

  it.skipIf(process.platform === 'win32')(
    'skips symlinks, and refuses paths out of the folder whatever it holds',
    async () => {
      symlinkSync(join(base, 'secret.txt'), join(roots.rendererDir, 'link.txt'));
      const files = await readRendererFiles(roots.rendererDir);
      expect(files.has('link.txt')).toBe(false);
      for (const pathname of [
        '/link.txt',
        '/../secret.txt',
        '/assets/..%2f..%2fsecret.txt',
        '/%2e%2e/secret.txt',
      ]) {
        const response = await serveAppRequest('GET', pathname, { ...roots, files });
        expect(response.status, pathname).toBe(404);
        expect(response.body.toString()).not.toContain('outside the renderer');
      }
    },
  );

  it('gives an empty map for a folder that cannot be read', async () => {
    expect((await readRendererFiles(join(base, 'no-such-folder'))).size).toBe(0);
  });
});
