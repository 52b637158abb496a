// Items 11 and 18: a real child process is SIGKILLed during recovery (after
// every step), during a WAL checkpoint and during a backup and its rotation;
// the next open must pass integrity_check and hold every committed draft, and
// an interrupted recovery must never end in a silent empty database. A full
// disk halfway through a recovery is tested on a real, small tmpfs where this
// machine may mount one (Linux, root). Power loss cannot be simulated here:
// see README "Data safety".
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Each test starts real child processes (Node + a TypeScript loader): slow on a busy machine.
vi.setConfig({ testTimeout: 90_000 });
import { emptyMeta } from '../../src-shared/article';
import { createDraftRepository } from '../../src-main/services/drafts/draftRepository';
import { checkBackup, ensureDailyBackup, listBackups } from '../../src-main/services/store/backups';
import { DATABASE_FILE, openStore, type RecoveryStep } from '../../src-main/services/store/openStore';
import { StoreOpenError } from '../../src-main/services/store/storeErrors';
import { startStoreProcess } from '../support/storeProcess';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date(2025, 4, 20, 10, 0).getTime();
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'copydesk-interrupt-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function seedBackedUp(dataDir: string, headlines: string[], bodyKb = 0): Promise<string[]> {
  const { store } = openStore({ dataDir });
  const drafts = createDraftRepository(store.db);
  const ids = headlines.map((headline) => {
    const { id, body } = drafts.create();
    drafts.save({ id, meta: { ...emptyMeta(), headline }, body });
    if (bodyKb > 0)
      store.db.prepare('UPDATE drafts SET body_text = ? WHERE id = ?').run('x'.repeat(bodyKb * 1024), id);
    return id;
  });
  await ensureDailyBackup({ db: store.db, backupsDir: store.backupsDir, now: NOW - DAY });
  store.close();
  return ids;
}

function headlinesIn(dataDir: string): string[] {
  const { store, notices } = openStore({ dataDir, now: () => NOW });
  try {
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    lastNotices = notices.map((notice) => notice.message);
    return createDraftRepository(store.db)
      .list()
      .map((draft) => draft.headline);
  } finally {
    store.close();
  }
}
let lastNotices: string[] = [];

const STEPS: RecoveryStep[] = [
  'journal-written',
  'moved-side-file',
  'moved-database',
  'copied-backup',
  'restored',
  'opened',
];

describe('SIGKILL during recovery', () => {
  it.each(STEPS)(
    'killed right after "%s": the next start finishes the recovery and says so',
    async (step) => {
      await seedBackedUp(dir, ['Kept by the backup']);
      const garbage = Buffer.from('not a database at all '.repeat(300));
      writeFileSync(join(dir, DATABASE_FILE), garbage);
      writeFileSync(join(dir, `${DATABASE_FILE}-wal`), Buffer.alloc(4096, 9));

      const child = startStoreProcess({ op: 'recover', dataDir: dir, now: NOW, killAt: step });
      await child.waitForLine((line) => line === `STEP ${step}`);
      expect(await child.exited()).toBe('SIGKILL');
      expect(child.lines()).not.toContain('DONE');

      expect(headlinesIn(dir)).toEqual(['Kept by the backup']);
      expect(lastNotices).toHaveLength(1);
      expect(lastNotices[0]).toMatch(/database was damaged/);
      expect(lastNotices[0]).toMatch(/restored from the backup of 2025-05-19/);
      expect(lastNotices[0]).toMatch(/previous start was interrupted while recovering/);
      // The damaged file and its WAL are kept, byte for byte.
      const moved = readdirSync(dir).filter((name) => name.startsWith('copydesk.corrupt-'));
      expect(moved).toEqual(
        expect.arrayContaining([expect.stringMatching(/\.sqlite$/), expect.stringMatching(/\.sqlite-wal$/)]),
      );
      expect(
        readFileSync(
          join(
            dir,
            moved.find((name) => name.endsWith('.sqlite'))!,
          ),
        ).equals(garbage),
      ).toBe(true);
      // A third start is an ordinary one: the recovery is done.
      expect(headlinesIn(dir)).toEqual(['Kept by the backup']);
      expect(lastNotices).toEqual([]);
    },
  );

  it('killed with no backup to restore: the next start still says the database was damaged', async () => {
    writeFileSync(join(dir, DATABASE_FILE), Buffer.alloc(8192, 7));
    const child = startStoreProcess({ op: 'recover', dataDir: dir, now: NOW, killAt: 'moved-database' });
    expect(await child.exited()).toBe('SIGKILL');
    expect(headlinesIn(dir)).toEqual([]);
    expect(lastNotices[0]).toMatch(/No usable backup was found/);
  });
});

function canMountTmpfs(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'copydesk-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

describe('a full disk halfway through a recovery (real tmpfs)', () => {
  it.skipIf(!canMountTmpfs())(
    'stops with a message, never starts empty, and finishes once there is space',
    async () => {
      const mount = join(dir, 'small-disk');
      mkdirSync(mount);
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=12m', 'tmpfs', mount]);
      try {
        const dataDir = join(mount, 'data');
        await seedBackedUp(dataDir, ['Big draft one', 'Big draft two'], 1_500);
        const backupSize = readFileSync(listBackups(join(dataDir, 'backups'))[0]!).length;
        writeFileSync(join(dataDir, DATABASE_FILE), Buffer.alloc(64 * 1024, 3));
        // Leave less room than the backup's copy needs.
        const filler = join(mount, 'filler');
        const free = Number(execFileSync('df', ['--output=avail', '-B1', mount]).toString().split('\n')[1]);
        writeFileSync(filler, Buffer.alloc(Math.max(0, free - Math.floor(backupSize / 2))));

        for (let attempt = 0; attempt < 2; attempt += 1) {
          let caught: unknown;
          try {
            openStore({ dataDir, now: () => NOW });
          } catch (error) {
            caught = error;
          }
          expect(caught, `start ${attempt + 1} on a full disk`).toBeInstanceOf(StoreOpenError);
          expect((caught as StoreOpenError).reason).toBe('recovery_incomplete');
          expect((caught as StoreOpenError).message).toMatch(
            /moved aside to .*copydesk\.corrupt-.*Free some disk space/,
          );
          expect(existsSync(join(dataDir, DATABASE_FILE)), 'no empty database was created').toBe(false);
        }

        rmSync(filler);
        expect(headlinesIn(dataDir).sort()).toEqual(['Big draft one', 'Big draft two']);
        expect(lastNotices[0]).toMatch(/interrupted while recovering/);
      } finally {
        execFileSync('umount', [mount]);
      }
    },
  );
});

describe('SIGKILL during a WAL checkpoint', () => {
  it('every committed draft is there at the next open, and the file is sound', async () => {
    // A big WAL makes the checkpoint long enough to be killed inside it.
    let killedInside = false;
    for (let attempt = 0; attempt < 3 && !killedInside; attempt += 1) {
      const dataDir = join(dir, `attempt-${attempt}`);
      const child = startStoreProcess({ op: 'checkpoint', dataDir, drafts: 30, bodyKb: 512 * (attempt + 1) });
      await child.waitForLine((line) => line === 'STEP checkpoint-start', 120_000);
      await child.kill();
      killedInside = !child.lines().includes('STEP checkpoint-done');
      const committed = child
        .lines()
        .filter((line) => line.startsWith('COMMITTED '))
        .map((line) => line.slice('COMMITTED '.length));
      expect(committed).toHaveLength(30);
      const { store } = openStore({ dataDir });
      try {
        expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
        const stored = new Set(
          createDraftRepository(store.db)
            .list()
            .map((draft) => draft.id),
        );
        for (const id of committed) expect(stored.has(id), `committed draft ${id}`).toBe(true);
      } finally {
        store.close();
      }
    }
    expect(killedInside, 'the kill landed inside the checkpoint at least once').toBe(true);
  }, 300_000);
});

describe('SIGKILL during a backup', () => {
  it('killed before the new copy is checked: drafts intact, no half copy counts as a backup', async () => {
    await seedBackedUp(dir, ['Draft before the backup']);
    const child = startStoreProcess({
      op: 'backup',
      dataDir: dir,
      now: NOW,
      keep: 7,
      killAt: 'before-check',
    });
    expect(await child.exited()).toBe('SIGKILL');
    expect(headlinesIn(dir)).toEqual(['Draft before the backup']);
    const backups = listBackups(join(dir, 'backups'));
    expect(backups).toHaveLength(1);
    expect(backups.every((path) => checkBackup(path) === null)).toBe(true);
    // The next attempt clears the leftover and takes the backup.
    const { store } = openStore({ dataDir: dir });
    try {
      expect(
        await ensureDailyBackup({ db: store.db, backupsDir: store.backupsDir, now: NOW }),
      ).not.toBeNull();
    } finally {
      store.close();
    }
    expect(readdirSync(join(dir, 'backups')).filter((name) => !name.endsWith('.sqlite'))).toEqual([]);
  });

  it('killed during rotation: the new backup is complete and checked, the drafts intact', async () => {
    await seedBackedUp(dir, ['Rotated draft']);
    {
      const { store } = openStore({ dataDir: dir });
      for (let day = 2; day <= 3; day += 1)
        await ensureDailyBackup({
          db: store.db,
          backupsDir: store.backupsDir,
          now: NOW - day * DAY,
          keep: 10,
        });
      store.close();
    }
    const child = startStoreProcess({ op: 'backup', dataDir: dir, now: NOW, keep: 1, killAt: 'rotating' });
    expect(await child.exited()).toBe('SIGKILL');
    expect(headlinesIn(dir)).toEqual(['Rotated draft']);
    const [newest] = listBackups(join(dir, 'backups'));
    expect(newest).toMatch(/copydesk-2025-05-20\.sqlite$/);
    expect(checkBackup(newest!)).toBeNull();
    const copy = new Database(newest!, { readonly: true });
    try {
      expect(copy.prepare('SELECT headline FROM drafts').pluck().all()).toEqual(['Rotated draft']);
    } finally {
      copy.close();
    }
  });
});
