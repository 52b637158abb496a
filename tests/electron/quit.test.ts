// Quitting the Electron shell: every way out (quit, the window's close
// button, SIGTERM, SIGINT) first asks the page to store pending edits, then
// closes the store and exits 0; a page that never answers delays the exit by
// no more than the time docs/architecture.md promises.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { projectRoot } from '../../scripts/build-if-stale.mjs';
import { FLUSH_HOOK } from '../../src-shared/ipc/bridgeNames';
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
const running: RunningMain[] = [];
const temps: string[] = [];

/** "… waits at most N seconds for the page …" in docs/architecture.md. */
function documentedFlushWaitMs(): number {
  const docs = readFileSync(join(projectRoot, 'docs', 'architecture.md'), 'utf8');
  const match = /waits\s+at\s+most\s+(\d+)\s+seconds?\s+for\s+the\s+page/.exec(docs);
  if (!match) throw new Error('docs/architecture.md no longer says how long quitting waits for the page');
  return Number(match[1]) * 1000;
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

async function started(
  config: StandinConfig = {},
): Promise<{ main: RunningMain; dataDir: string; webContentsId: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'copydesk-standin-data-'));
  temps.push(dataDir);
  const main = launchMain(app, { dataDir, config });
  running.push(main);
  const { webContentsId } = await main.windowLoaded();
  // The services are up once the page's first request is answered.
  const info = await (await bridgeFor(main)).invoke('app:info', {});
  expect(info.ok).toBe(true);
  return { main, dataDir, webContentsId };
}

/** The flush ran in the app window's page, was answered, and only then did the app exit 0. */
async function expectFlushedThenExited0(main: RunningMain, webContentsId: number): Promise<void> {
  const exit = await main.exited;
  expect(exit.code, main.output()).toBe(0);
  const flushes = main.entries('webContents.executeJavaScript');
  expect(flushes).toHaveLength(1);
  expect(flushes[0]!.webContentsId).toBe(webContentsId);
  expect(String(flushes[0]!.code)).toContain(FLUSH_HOOK);
  const answered = main.entries('webContents.executeJavaScript.answered');
  const exited = main.entries('app.exit');
  expect(answered).toHaveLength(1);
  expect(exited).toHaveLength(1);
  expect(answered[0]!.seq, 'exit only after the page answered').toBeLessThan(exited[0]!.seq);
}

function expectStoreClosed(dataDir: string): void {
  // better-sqlite3 checkpoints and removes the write-ahead log when the database is closed.
  expect(existsSync(join(dataDir, 'copydesk.sqlite'))).toBe(true);
  expect(existsSync(join(dataDir, 'copydesk.sqlite-wal')), 'database closed cleanly').toBe(false);
}

describe('quit', () => {
  it('app.quit (menu, Cmd+Q): before-quit waits for the flush, then the app exits 0 with the store closed', async () => {
    const { main, dataDir, webContentsId } = await started();
    await main.op('quit');
    await expectFlushedThenExited0(main, webContentsId);
    expectStoreClosed(dataDir);
  });

  it('before-quit from elsewhere (an OS log-out) is held back until the flush is done', async () => {
    const { main, webContentsId } = await started({ executeJavaScriptDelayMs: 300 });
    const { defaultPrevented } = await main.op<{ defaultPrevented: boolean }>('emitApp', {
      name: 'before-quit',
    });
    expect(defaultPrevented, 'the first before-quit is held back for the flush').toBe(true);
    await expectFlushedThenExited0(main, webContentsId);
  });

  it("the window's close button flushes, then exits 0", async () => {
    const { main, dataDir, webContentsId } = await started();
    await main.op('closeWindow', {});
    await expectFlushedThenExited0(main, webContentsId);
    expectStoreClosed(dataDir);
  });

  it.skipIf(process.platform === 'win32').each(['SIGTERM', 'SIGINT'] as const)(
    '%s flushes, then exits 0',
    async (signal) => {
      const { main, dataDir, webContentsId } = await started();
      main.child.kill(signal);
      await expectFlushedThenExited0(main, webContentsId);
      expectStoreClosed(dataDir);
    },
  );

  it('a page that never answers the flush delays the exit by the documented time and no more, and says so', async () => {
    const limit = documentedFlushWaitMs();
    const { main, dataDir } = await started({ executeJavaScript: 'never' });
    const asked = Date.now();
    await main.op('quit');
    // Generous slack for a loaded machine; a missing or longer timeout fails here, not on the test's own timeout.
    const exit = await Promise.race([
      main.exited,
      new Promise<null>((done) => setTimeout(() => done(null), limit + 5_000)),
    ]);
    expect(exit, `still running ${limit + 5_000} ms after quit`).not.toBeNull();
    if (!exit) return;
    expect(exit.code, main.output()).toBe(0);
    const waited = exit.at - asked;
    expect(waited, 'it did wait for the page').toBeGreaterThanOrEqual(limit - 250);
    expect(waited, 'it did not wait much longer than documented').toBeLessThan(limit + 5_000);
    expect(main.stderr).toMatch(/gave up waiting for pending saves/);
    expectStoreClosed(dataDir);
  });

  it('a page whose flush fails still lets the app exit 0, with the failure logged', async () => {
    const { main } = await started({ executeJavaScript: 'reject' });
    await main.op('quit');
    const exit = await main.exited;
    expect(exit.code, main.output()).toBe(0);
    expect(main.stderr).toMatch(/could not flush pending saves/);
  });
});
