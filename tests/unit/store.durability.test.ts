// Item 9: durability matches the README. Every commit is fsynced
// (synchronous=FULL), and the files Copydesk copies outside SQLite's own
// journal (a backup, a restored backup) are fsynced before they are renamed
// into place, and their folder after. The fsyncs are read from the real
// system calls of a child process under strace (Linux).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Each test starts real child processes (Node + a TypeScript loader): slow on a busy machine.
vi.setConfig({ testTimeout: 90_000 });
import { emptyMeta } from '../../src-shared/article';
import { createServices } from '../../src-main/services/createServices';
import { createDraftRepository } from '../../src-main/services/drafts/draftRepository';
import { ensureDailyBackup } from '../../src-main/services/store/backups';
import { DATABASE_FILE, openStore } from '../../src-main/services/store/openStore';
import { startStoreProcess } from '../support/storeProcess';

const NOW = new Date(2025, 4, 20, 10, 0).getTime();
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'copydesk-durable-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function hasStrace(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    execFileSync('strace', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Runs a child under strace and returns its fsync/rename calls, in order, with file paths. */
async function traced(command: Parameters<typeof startStoreProcess>[0]): Promise<string[]> {
  const log = join(dir, 'strace.log');
  const child = startStoreProcess(command, [
    'strace',
    '-f',
    '-y',
    '-qq',
    '-e',
    'trace=fsync,fdatasync,rename,renameat,renameat2',
    '-o',
    log,
  ]);
  await child.waitForLine((line) => line === 'DONE', 60_000);
  await child.exited();
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => /fsync|fdatasync|rename/.test(line) && !line.includes('resumed>'));
}

function indexOfCall(calls: string[], pattern: RegExp, after = -1): number {
  return calls.findIndex((line, index) => index > after && pattern.test(line));
}

describe('durability', () => {
  it('the services write with synchronous=FULL: every autosave is fsynced before it returns', () => {
    const services = createServices({
      dataDir: dir,
      shell: 'browser',
      version: '1.0.0',
      backupIntervalMs: 0,
      mediaCleanupDelayMs: 0,
      openExternal: async () => {},
    });
    try {
      // 2 = FULL (0 OFF, 1 NORMAL, 3 EXTRA).
      expect(services.store.db.pragma('synchronous', { simple: true })).toBe(2);
      expect(services.store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      services.close();
    }
  });

  it.skipIf(!hasStrace())('a backup is fsynced before its rename and the folder after it', async () => {
    const { store } = openStore({ dataDir: dir });
    const drafts = createDraftRepository(store.db);
    const { id, body } = drafts.create();
    drafts.save({ id, meta: { ...emptyMeta(), headline: 'Synced' }, body });
    store.close();

    const calls = await traced({ op: 'backup', dataDir: dir, now: NOW, keep: 7, killAt: 'never' });
    const rename = indexOfCall(calls, /rename.*copydesk-2025-05-20\.sqlite\.partial/);
    expect(rename, calls.join('\n')).toBeGreaterThan(-1);
    expect(calls.slice(0, rename).some((line) => /f(data)?sync\(\d+<[^>]*\.partial>/.test(line))).toBe(true);
    expect(indexOfCall(calls, /f(data)?sync\(\d+<[^>]*\/backups>/, rename), calls.join('\n')).toBeGreaterThan(
      rename,
    );
  });

  it.skipIf(!hasStrace())(
    'a restored backup is fsynced before it replaces the damaged database',
    async () => {
      {
        const { store } = openStore({ dataDir: dir });
        const drafts = createDraftRepository(store.db);
        const { id, body } = drafts.create();
        drafts.save({ id, meta: { ...emptyMeta(), headline: 'Restored' }, body });
        await ensureDailyBackup({ db: store.db, backupsDir: store.backupsDir, now: NOW - 86_400_000 });
        store.close();
      }
      writeFileSync(join(dir, DATABASE_FILE), Buffer.alloc(4096, 1));

      const calls = await traced({ op: 'recover', dataDir: dir, now: NOW, killAt: 'never' });
      const rename = indexOfCall(calls, /rename.*copydesk\.sqlite\.restoring/);
      expect(rename, calls.join('\n')).toBeGreaterThan(-1);
      expect(
        calls
          .slice(0, rename)
          .some((line) => /f(data)?sync\(\d+<[^>]*copydesk\.sqlite\.restoring>/.test(line)),
      ).toBe(true);
      const dirSync = new RegExp(`f(data)?sync\\(\\d+<${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}>`);
      expect(indexOfCall(calls, dirSync, rename), calls.join('\n')).toBeGreaterThan(rename);
    },
  );
});
