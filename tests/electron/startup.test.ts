// Start-up of the built Electron main process under the electron stand-in:
// one instance per data folder, and a data folder it cannot use stops it
// with an error box instead of an empty or half-started app.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  copyBuiltApp,
  launchMain,
  type AppCopy,
  type RunningMain,
} from '../support/electronStandin/launchMain';

// Each spec starts real processes; slow CI runners (Windows) get room before a test counts as hung.
vi.setConfig({ testTimeout: 60_000 });

let app: AppCopy;
const running: RunningMain[] = [];
const temps: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'copydesk-standin-data-'));
  temps.push(dir);
  return dir;
}
function start(dataDir: string): RunningMain {
  const main = launchMain(app, { dataDir });
  running.push(main);
  return main;
}

beforeAll(() => {
  app = copyBuiltApp();
}, 300_000);
afterEach(async () => {
  await Promise.all(running.splice(0).map((main) => main.stop()));
});
afterAll(() => {
  app?.dispose();
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('start-up', () => {
  it('takes the single-instance lock for its own data folder before opening a window', async () => {
    const dataDir = tempDir();
    const main = start(dataDir);
    await main.windowLoaded();
    const lock = main.entries('app.requestSingleInstanceLock');
    expect(lock).toHaveLength(1);
    expect(lock[0]).toMatchObject({ taken: true, userData: dataDir });
    const window = await main.waitFor('BrowserWindow.new');
    expect(lock[0]!.seq).toBeLessThan(window.seq);
  });

  it('a second instance on the same data folder brings the first window back and exits 0 without a window', async () => {
    const dataDir = tempDir();
    const first = start(dataDir);
    const { windowId } = await first.windowLoaded();
    await first.op('minimize', { windowId });

    const second = start(dataDir);
    const exit = await Promise.race([
      second.exited,
      new Promise<null>((done) => setTimeout(() => done(null), 10_000)),
    ]);
    expect(exit, 'the second instance ends by itself').not.toBeNull();
    if (!exit) return;
    expect(exit.code, second.output()).toBe(0);
    expect(second.entries('BrowserWindow.new'), 'the second instance opens no window').toHaveLength(0);
    expect(second.entries('app.requestSingleInstanceLock')[0]).toMatchObject({ taken: false });
    expect(second.stdout).toMatch(/already running/);

    const received = await first.waitFor('second-instance.received');
    const restored = await first.waitFor('BrowserWindow.restore');
    const focused = await first.waitFor('BrowserWindow.focus');
    expect(received.seq).toBeLessThan(restored.seq);
    expect(restored.seq).toBeLessThan(focused.seq);
    expect(focused.t, 'the second instance ends only after the first has its focus').toBeLessThanOrEqual(
      exit.at,
    );
    expect(first.hasExited, 'the first instance keeps running').toBe(false);
    expect(await first.op('ping')).toBe('pong');
  });

  it('a second instance on another data folder is not blocked by the first', async () => {
    const first = start(tempDir());
    await first.windowLoaded();
    const other = start(tempDir());
    await other.windowLoaded();
    expect(other.entries('app.requestSingleInstanceLock')[0]).toMatchObject({ taken: true });
    expect(first.entries('second-instance.received')).toHaveLength(0);
  });

  it('a bad command-line option says what is wrong and exits 2 without a window', async () => {
    const main = launchMain(app, { dataDir: tempDir(), args: ['--remote-debugging-port', 'abc'] });
    running.push(main);
    const exit = await main.exited;
    expect(exit.code, main.output()).toBe(2);
    expect(main.stderr).toMatch(/--remote-debugging-port must be a whole number/);
    expect(main.entries('BrowserWindow.new')).toHaveLength(0);
    expect(main.entries('app.requestSingleInstanceLock')).toHaveLength(0);
  });

  it('a database written by a newer Copydesk shows the error box, exits 1 and is left untouched', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'copydesk.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE future_only (x INTEGER)');
    db.pragma('user_version = 999');
    db.close();
    const before = createHash('sha256').update(readFileSync(file)).digest('hex');

    const main = start(dataDir);
    const exit = await main.exited;
    expect(exit.code, main.output()).toBe(1);
    const boxes = main.entries('dialog.showErrorBox');
    expect(boxes).toHaveLength(1);
    expect(boxes[0]!.title).toBe('Copydesk could not start');
    expect(boxes[0]!.content).toMatch(/newer Copydesk/);
    expect(main.entries('BrowserWindow.new'), 'no window without a store').toHaveLength(0);
    expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(before);
  });

  it('a data folder that cannot be used (a file stands where the folder should be) shows the error box and exits 1', async () => {
    const notAFolder = join(tempDir(), 'copydesk-data');
    writeFileSync(notAFolder, 'a file, not a folder');

    const main = start(notAFolder);
    const exit = await main.exited;
    expect(
      main.entries('uncaughtException'),
      'no uncaught exception (Electron would show its own crash box)',
    ).toEqual([]);
    expect(exit.code, main.output()).toBe(1);
    const boxes = main.entries('dialog.showErrorBox');
    expect(boxes).toHaveLength(1);
    expect(boxes[0]!.title).toBe('Copydesk could not start');
    expect(boxes[0]!.content).toContain(notAFolder);
    expect(main.entries('BrowserWindow.new')).toHaveLength(0);
    expect(readFileSync(notAFolder, 'utf8'), 'the file is left as it was').toBe('a file, not a folder');
  });
});
