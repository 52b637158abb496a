// Self-test of the stand-in's page ↔ main message paths with a fixture main
// process and preload (the app's own push path, once it exists, is exercised
// the same way through bridgeFor): ipcRenderer.send reaches ipcMain.on with a
// sender that can answer, and webContents.send / event.reply reach the
// preload's ipcRenderer listeners.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bridgeFor, type Bridge } from '../support/electronStandin/bridge';
import { launchMain, type AppCopy, type RunningMain } from '../support/electronStandin/launchMain';

// Each spec starts real processes; slow CI runners (Windows) get room before a test counts as hung.
vi.setConfig({ testTimeout: 60_000 });

const fixtures = fileURLToPath(new URL('../support/electronStandin/fixtures/', import.meta.url));
let main: RunningMain;
let bridge: Bridge;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'copydesk-standin-data-'));
  const fixtureApp: AppCopy = {
    root: fixtures,
    mainEntry: join(fixtures, 'pushMain.mjs'),
    rendererDir: fixtures,
    dispose: () => undefined,
  };
  main = launchMain(fixtureApp, { dataDir });
  bridge = await bridgeFor(main);
}, 60_000);
afterAll(async () => {
  await main?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('stand-in message paths', () => {
  it('invoke round-trips through ipcMain.handle', async () => {
    expect(await bridge.api.invoke('x', { a: 1 })).toEqual({ channel: 'x', input: { a: 1 } });
  });

  it('send reaches ipcMain.on, and what the main process sends back reaches the page listener', async () => {
    const received: unknown[] = [];
    const subscribe = bridge.api.on as (topic: string, listener: (payload: unknown) => void) => void;
    subscribe('outbox', (payload) => received.push(payload));
    const deadline = Date.now() + 5_000;
    while (received.length < 2 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 20));
    expect(received).toEqual([
      { topic: 'outbox', n: 1 },
      { topic: 'outbox', n: 2 },
    ]);
    expect(main.entries('ipcRenderer.send')).toHaveLength(1);
    expect(main.entries('webContents.send').map((entry) => entry.channel)).toEqual([
      'fixture:event',
      'fixture:event',
    ]);
  });
});
