// Item 10: one process per data folder, in either shell. A second start on a
// folder another process holds says so and stops before it reads or writes
// anything (no recovery, no migration, no outbox).
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Each test starts real child processes (Node + a TypeScript loader): slow on a busy machine.
vi.setConfig({ testTimeout: 90_000 });
import { createServices } from '../../src-main/services/createServices';
import { DATABASE_FILE, openStore } from '../../src-main/services/store/openStore';
import { StoreOpenError } from '../../src-main/services/store/storeErrors';
import { startStoreProcess, type StoreProcess } from '../support/storeProcess';

let dir: string;
let holder: StoreProcess | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'copydesk-lock-'));
});
afterEach(async () => {
  await holder?.kill();
  holder = undefined;
  rmSync(dir, { recursive: true, force: true });
});

function snapshot(): string {
  const files = [DATABASE_FILE, `${DATABASE_FILE}-wal`].map((name) => {
    try {
      const path = join(dir, name);
      return `${name}:${statSync(path).mtimeMs}:${readFileSync(path).toString('base64')}`;
    } catch {
      return `${name}:missing`;
    }
  });
  return files.join('|');
}

describe('one process per data folder', () => {
  it('a second process on the same folder is refused with a clear message and changes nothing', async () => {
    // The first start creates the database and a draft, then a real second process holds the folder.
    const first = createServices({
      dataDir: dir,
      shell: 'browser',
      version: '1.0.0',
      backupIntervalMs: 0,
      mediaCleanupDelayMs: 0,
      openExternal: async () => {},
    });
    await first.dispatch('drafts:create', {});
    first.close();
    holder = startStoreProcess({ op: 'hold', dataDir: dir });
    await holder.waitForLine((line) => line === 'READY');
    const before = snapshot();

    let caught: unknown;
    try {
      createServices({
        dataDir: dir,
        shell: 'browser',
        version: '1.0.0',
        backupIntervalMs: 0,
        openExternal: async () => {},
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StoreOpenError);
    expect((caught as StoreOpenError).reason).toBe('in_use');
    expect((caught as StoreOpenError).message).toContain(`already running with the data folder ${dir}`);
    expect((caught as StoreOpenError).message).toContain(`process ${holder.child.pid}`);
    expect(snapshot()).toBe(before);
  });

  it('the lock goes with the process: after the holder is killed, the folder opens at once', async () => {
    holder = startStoreProcess({ op: 'hold', dataDir: dir });
    await holder.waitForLine((line) => line === 'READY');
    expect(() => openStore({ dataDir: dir })).toThrow(/already running/);
    await holder.kill();
    const { store } = openStore({ dataDir: dir });
    store.close();
  });

  it('closing the store releases the lock for the next start in the same process', () => {
    const { store } = openStore({ dataDir: dir });
    expect(() => openStore({ dataDir: dir })).toThrow(StoreOpenError);
    store.close();
    openStore({ dataDir: dir }).store.close();
  });
});
