// Publish-target secrets in the Electron shell, through the channels the
// targets dialog uses: kept only as safeStorage ciphertext, read back after a
// restart, and the Linux "basic_text" backend announced to the editor.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { bridgeFor } from '../support/electronStandin/bridge';
import {
  copyBuiltApp,
  launchMain,
  type AppCopy,
  type RunningMain,
  type StandinConfig,
} from '../support/electronStandin/launchMain';

// Each spec starts real processes; slow CI runners (Windows) get room before a test counts as hung.
vi.setConfig({ testTimeout: 60_000 });

let app: AppCopy;
let server: Server;
let endpoint: string;
const authorizations: string[] = [];
const running: RunningMain[] = [];
const temps: string[] = [];

beforeAll(async () => {
  app = copyBuiltApp();
  server = createServer((request, response) => {
    authorizations.push(request.headers.authorization ?? '');
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end('{"ok":true}');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/articles`;
}, 300_000);
afterEach(async () => {
  await Promise.all(running.splice(0).map((main) => main.stop()));
});
afterAll(async () => {
  await new Promise((done) => server?.close(done));
  app?.dispose();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'copydesk-standin-data-'));
  temps.push(dir);
  return dir;
}

async function start(dataDir: string, config: StandinConfig = {}) {
  const main = launchMain(app, { dataDir, config });
  running.push(main);
  return { main, bridge: await bridgeFor(main) };
}

/** Every file under `dir` whose bytes contain `needle` as UTF-8, UTF-16 or base64. */
function filesContaining(dir: string, needle: string): string[] {
  const forms = [
    Buffer.from(needle, 'utf8'),
    Buffer.from(needle, 'utf16le'),
    Buffer.from(Buffer.from(needle).toString('base64')),
  ];
  const hits: string[] = [];
  const walk = (path: string): void => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) walk(join(path, entry));
    } else if (stat.isFile() && forms.some((form) => readFileSync(path).includes(form))) {
      // Regular files only: the data folder may also hold a socket.
      hits.push(path);
    }
  };
  walk(dir);
  return hits;
}

async function quit(main: RunningMain): Promise<void> {
  await main.op('quit');
  expect((await main.exited).code).toBe(0);
}

describe('safeStorage secret store', () => {
  it('a token saved for a target never reaches the data folder as plain text, and is read back after a restart', async () => {
    const dataDir = tempDir();
    const token = `tok-${Math.random().toString(36).slice(2)}-secret`;
    const first = await start(dataDir);
    const saved = await first.bridge.invoke('targets:save', {
      kind: 'http-json',
      name: 'Newsroom API',
      config: { endpoint },
      secret: token,
    });
    expect(saved.ok, JSON.stringify(saved)).toBe(true);
    expect(filesContaining(dataDir, token), 'no file holds the token in plain text').toEqual([]);
    const targetId = (saved as { value: { id: string; hasSecret: boolean } }).value.id;
    expect((saved as { value: { hasSecret: boolean } }).value.hasSecret).toBe(true);
    expect(first.main.entries('safeStorage.encryptString').length).toBeGreaterThan(0);
    await quit(first.main);
    expect(filesContaining(dataDir, token), 'nor after the app closed').toEqual([]);

    const second = await start(dataDir);
    authorizations.length = 0;
    const tested = await second.bridge.invoke('targets:test', { id: targetId });
    expect(tested.ok, JSON.stringify(tested)).toBe(true);
    expect((tested as { value: { ok: boolean } }).value.ok).toBe(true);
    expect(authorizations, 'the stored token, decrypted, is what the server receives').toEqual([
      `Bearer ${token}`,
    ]);
    expect(second.main.entries('safeStorage.decryptString').length).toBeGreaterThan(0);
    const listed = await second.bridge.invoke('targets:list', {});
    expect(JSON.stringify(listed), 'no channel hands the token back to the page').not.toContain(token);
  });

  it('without encryption available, saving a token is refused with a message and nothing is written in plain text', async () => {
    const dataDir = tempDir();
    const token = `tok-${Math.random().toString(36).slice(2)}-nokeychain`;
    const { bridge } = await start(dataDir, { safeStorage: { available: false } });
    const saved = await bridge.invoke('targets:save', {
      kind: 'http-json',
      name: 'Newsroom API',
      config: { endpoint },
      secret: token,
    });
    expect(saved.ok).toBe(false);
    expect(!saved.ok && saved.error.message).toMatch(/keychain/i);
    expect(filesContaining(dataDir, token)).toEqual([]);
  });

  it.runIf(process.platform === 'linux')(
    'on Linux, the basic_text backend is announced to the editor before a secret is stored',
    async () => {
      const { bridge } = await start(tempDir(), { safeStorage: { backend: 'basic_text' } });
      const listed = await bridge.invoke('targets:list', {});
      expect(listed.ok).toBe(true);
      const store = (listed as { value: { secretStore: { kind: string; warning: string | null } } }).value
        .secretStore;
      expect(store.kind).toBe('os-keychain');
      expect(store.warning).toMatch(/basic_text/);
      expect(store.warning).toMatch(/keyring|KWallet/i);
    },
  );

  it('with a real keyring backend there is no warning', async () => {
    const { bridge } = await start(tempDir(), { safeStorage: { backend: 'gnome_libsecret' } });
    const listed = await bridge.invoke('targets:list', {});
    const store = (listed as { value: { secretStore: { warning: string | null } } }).value.secretStore;
    expect(store.warning).toBeNull();
  });

  it.skipIf(process.platform === 'linux')('off Linux the Linux-only warning never appears', async () => {
    const { bridge } = await start(tempDir(), { safeStorage: { backend: 'basic_text' } });
    const listed = await bridge.invoke('targets:list', {});
    const store = (listed as { value: { secretStore: { warning: string | null } } }).value.secretStore;
    expect(store.warning).toBeNull();
  });
});
