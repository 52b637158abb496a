// The one IPC path from the page to the services, as the built preload and
// the built main process carry it: only the app window's main frame on the
// app origin is answered, and nothing a page sends can crash the main process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bridgeFor, type Bridge, type FrameChoice } from '../support/electronStandin/bridge';
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
let bridge: Bridge;
let dataDir: string;

beforeAll(async () => {
  app = copyBuiltApp();
  dataDir = mkdtempSync(join(tmpdir(), 'copydesk-standin-data-'));
  main = launchMain(app, { dataDir });
  bridge = await bridgeFor(main);
}, 300_000);
afterAll(async () => {
  await main?.stop();
  app?.dispose();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function draftCount(): Promise<number> {
  const listed = await bridge.invoke('drafts:list', {});
  if (!listed.ok) throw new Error(listed.error.message);
  return (listed.value as { drafts: unknown[] }).drafts.length;
}

function expectAlive(): void {
  expect(main.hasExited, main.output()).toBe(false);
  expect(main.entries('uncaughtException')).toEqual([]);
  expect(main.entries('unhandledRejection')).toEqual([]);
}

describe('the app window main frame', () => {
  it('reaches the services: app:info names the Electron shell and this data folder', async () => {
    const info = await bridge.invoke('app:info', {});
    expect(info.ok, JSON.stringify(info)).toBe(true);
    expect(info.ok && info.value).toMatchObject({ shell: 'electron', dataDir });
  });

  it('a draft created through the channel is stored and listed', async () => {
    const before = await draftCount();
    const created = await bridge.invoke('drafts:create', {});
    expect(created.ok, JSON.stringify(created)).toBe(true);
    expect(await draftCount()).toBe(before + 1);
  });
});

describe('anyone else is refused before dispatch', () => {
  const others = (): Array<[string, () => Promise<FrameChoice>]> => [
    ['a foreign page in the main frame', async () => ({ frameUrl: 'https://evil.example/' })],
    ['a file:// page in the main frame', async () => ({ frameUrl: 'file:///tmp/evil.html' })],
    ['a look-alike app host', async () => ({ frameUrl: 'app://copydesk.evil.example/index.html' })],
    ['the app origin with credentials', async () => ({ frameUrl: 'app://user:pw@copydesk/index.html' })],
    ['an app-origin sub-frame', async () => ({ frameUrl: 'app://copydesk/index.html', subFrame: true })],
    ['a foreign sub-frame', async () => ({ frameUrl: 'https://evil.example/ad', subFrame: true })],
    ['the app window frame, gone before the call arrived', async () => ({ frameGone: true })],
    [
      'another web contents on the app origin',
      async () => ({
        webContentsId: await main.op<number>('createWebContents', { url: 'app://copydesk/index.html' }),
      }),
    ],
  ];

  it.each(others().map(([name]) => name))('%s: refused, and nothing is created', async (name) => {
    const choose = others().find(([label]) => label === name)![1];
    const frame = await choose();
    const before = await draftCount();
    const outcome = await bridge.invokeFrom(frame, 'drafts:create', {});
    expect(outcome.ok, 'the page sees a rejected promise').toBe(false);
    expect(outcome.message).toMatch(/only answers requests from its own main window/);
    expect(await draftCount(), 'dispatch never ran').toBe(before);
    expectAlive();
  });
});

describe('garbage from the page gets a clean error, never a crash', () => {
  const junkChannels: Array<[string, unknown]> = [
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['an empty name', ''],
    ['an unknown name', 'drafts:dropTables'],
    ['__proto__', '__proto__'],
    ['constructor', 'constructor'],
    ['toString', 'toString'],
    ['hasOwnProperty', 'hasOwnProperty'],
    ['a 100 000 character name', 'x'.repeat(100_000)],
    ['an object', { channel: 'drafts:list' }],
    ['an array', ['drafts:list']],
    ['a bigint', 10n],
  ];

  it.each(junkChannels)('channel %s', async (_label, channel) => {
    const result = await bridge.invoke(channel, {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toMatch(/does not know the request/);
    expect(result.error.message.length).toBeLessThan(300);
    expectAlive();
  });

  const junkInputs: Array<[string, string, unknown]> = [
    ['drafts:get', 'a number id', { id: 42 }],
    ['drafts:get', 'a path for an id', { id: '../../copydesk.sqlite' }],
    ['drafts:get', 'null', null],
    ['drafts:get', 'a string', 'drafts'],
    ['drafts:get', 'an array', [1, 2, 3]],
    ['drafts:get', 'an own __proto__ key', JSON.parse('{"__proto__": {"polluted": true}, "id": "x"}')],
    ['drafts:get', 'a Map', new Map([['id', 'x']])],
    ['drafts:get', 'a Date', new Date(0)],
    ['drafts:get', 'a 1 MB id', { id: 'x'.repeat(1_000_000) }],
    ['drafts:create', 'extra keys', { sql: 'DROP TABLE drafts' }],
    ['drafts:save', 'an empty object', {}],
    ['images:import', 'bytes as a string', { bytes: 'not bytes', name: 'a.jpg' }],
    ['images:import', 'bytes that are no image', { bytes: new Uint8Array([1, 2, 3, 4]), name: 'a.jpg' }],
    ['targets:save', 'a deeply nested object', { kind: 'local-folder', name: 'x', config: nest(200) }],
    ['links:open', 'a javascript: URL', { url: 'javascript:alert(1)' }],
  ];

  it.each(junkInputs)('%s with %s', async (channel, _label, input) => {
    const result = await bridge.invoke(channel, input).catch((error: unknown) => {
      throw new Error(
        `${String(error)}\n${main.output()}\n${JSON.stringify(main.entries('uncaughtException'))}`,
      );
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).not.toBe('internal');
    expect(typeof result.error.message).toBe('string');
    expect(result.error.message.length).toBeGreaterThan(0);
    expectAlive();
  });

  it('afterwards the main process still answers normally', async () => {
    const info = await bridge.invoke('app:info', {});
    expect(info.ok).toBe(true);
    expectAlive();
  });
});

function nest(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let index = 0; index < depth; index += 1) value = { inner: value };
  return value;
}
