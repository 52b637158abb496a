// The built preload, run as Electron runs a sandboxed preload (own context,
// a `require` that only knows electron), with a recording contextBridge and
// ipcRenderer. What it may expose is declared once in bridgeSurface.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bridgeFor, type Bridge } from '../support/electronStandin/bridge';
import {
  EXPECTED_BRIDGE_FUNCTIONS,
  EXPECTED_BRIDGE_GLOBAL,
  EXPECTED_BRIDGE_KEYS,
  EXPECTED_BRIDGE_VALUES,
} from '../support/electronStandin/bridgeSurface';
import {
  copyBuiltApp,
  launchMain,
  type AppCopy,
  type RunningMain,
} from '../support/electronStandin/launchMain';
import { loadPreload } from '../support/electronStandin/loadPreload';

// Each spec starts real processes; slow CI runners (Windows) get room before a test counts as hung.
vi.setConfig({ testTimeout: 60_000 });

let app: AppCopy;
let main: RunningMain;
let bridge: Bridge;
let dataDir: string;

beforeAll(async () => {
  app = copyBuiltApp();
  dataDir = mkdtempSync(join(tmpdir(), 'copydesk-standin-data-'));
  main = launchMain(app, { dataDir });
  // The preload the main process configured for its window, not a path this spec assumes.
  bridge = await bridgeFor(main);
}, 300_000);
afterAll(async () => {
  await main?.stop();
  app?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the preload', () => {
  it('exposes exactly one object, in the main world, under the expected name', () => {
    expect(bridge.run.exposures.map(({ world, key }) => ({ world, key }))).toEqual([
      { world: 'main', key: EXPECTED_BRIDGE_GLOBAL },
    ]);
  });

  it('the object is frozen and holds exactly the expected keys', () => {
    const api = bridge.api as Record<string, unknown>;
    expect(Object.isFrozen(api)).toBe(true);
    expect(Reflect.ownKeys(api).map(String).sort()).toEqual(EXPECTED_BRIDGE_KEYS);
    for (const name of EXPECTED_BRIDGE_FUNCTIONS) expect(typeof api[name], name).toBe('function');
    for (const [name, value] of Object.entries(EXPECTED_BRIDGE_VALUES))
      expect(api[name], name).toEqual(value);
  });

  it('the page cannot replace or add to it', () => {
    const api = bridge.api as Record<string, unknown>;
    const original = api.invoke;
    expect(() => {
      api.invoke = () => 'hijacked';
    }).toThrow(TypeError);
    expect(() => {
      api.ipcRenderer = {};
    }).toThrow(TypeError);
    expect(api.invoke).toBe(original);
  });

  it('hands the page nothing of Electron: no value is ipcRenderer, a function of it, or an object to walk', () => {
    for (const [key, value] of Object.entries(bridge.api)) {
      expect(value, key).not.toBe(bridge.run.ipcRenderer);
      if (EXPECTED_BRIDGE_FUNCTIONS.includes(key)) continue;
      expect(['string', 'number', 'boolean'], `${key} is a plain value`).toContain(typeof value);
    }
  });

  it('invoke(channel, input) becomes one ipcRenderer.invoke on a fixed IPC channel with exactly those two arguments', async () => {
    const start = bridge.run.ipcCalls.length;
    await bridge.invoke('app:info', {});
    await bridge.invoke('no:such', { a: 1 });
    await bridge.invoke('ipc:other-channel', undefined);
    const calls = bridge.run.ipcCalls.slice(start);
    expect(calls.map((call) => call.method)).toEqual(['invoke', 'invoke', 'invoke']);
    const ipcChannels = new Set(calls.map((call) => call.channel));
    expect(ipcChannels.size, 'the page cannot pick the IPC channel').toBe(1);
    expect(calls.map((call) => call.args)).toEqual([
      ['app:info', {}],
      ['no:such', { a: 1 }],
      ['ipc:other-channel', undefined],
    ]);
  });

  it('invoke reaches the services and resolves with their result', async () => {
    const result = await bridge.invoke('app:info', {});
    expect(result).toMatchObject({ ok: true, value: { shell: 'electron', dataDir } });
  });

  it('needs nothing but electron at load, and sends nothing by itself', () => {
    const fresh = loadPreload(bridge.preloadPath, async () => null);
    expect(fresh.requires).toEqual(['electron']);
    expect(
      fresh.ipcCalls.filter((call) => ['send', 'sendSync', 'sendToHost', 'invoke'].includes(call.method)),
    ).toEqual([]);
  });
});
