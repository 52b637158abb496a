import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyMeta } from '../../src-shared/article';
import { createDraftRepository } from '../../src-main/services/drafts/draftRepository';
import {
  BACKUPS_KEPT,
  backupFileName,
  ensureDailyBackup,
  listBackupFiles,
  listBackups,
  rotateBackups,
} from '../../src-main/services/store/backups';
import { DATABASE_FILE, openStore, type Store } from '../../src-main/services/store/openStore';

const DAY = 24 * 60 * 60 * 1000;
let dir: string;
let store: Store;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'copydesk-backups-'));
  store = openStore({ dataDir: dir }).store;
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('daily backups', () => {
  it('writes a consistent copy named by date into <dataDir>/backups that holds the drafts', async () => {
    const drafts = createDraftRepository(store.db);
    const { id } = drafts.create();
    drafts.save({ id, meta: { ...emptyMeta(), headline: 'Backed up' }, body: drafts.get(id).body });
    const now = new Date(2025, 2, 9, 15, 30).getTime();

    const path = await ensureDailyBackup({ db: store.db, backupsDir: store.backupsDir, now });
    expect(path).toBe(join(dir, 'backups', 'copydesk-2025-03-09.sqlite'));
    const copy = new Database(path!, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT headline FROM drafts WHERE id = ?').pluck().get(id)).toBe('Backed up');
    copy.close();
    expect(readdirSync(store.backupsDir).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it('takes at most one backup a day', async () => {
    const now = new Date(2025, 2, 9, 9, 0).getTime();
    expect(await ensureDailyBackup({ db: store.db, backupsDir: store.backupsDir, now })).not.toBeNull();
    expect(
      await ensureDailyBackup({ db: store.db, backupsDir: store.backupsDir, now: now + 60_000 }),
    ).toBeNull();
    expect(listBackups(store.backupsDir)).toHaveLength(1);
  });

  it(`keeps only the newest ${BACKUPS_KEPT} backups`, async () => {
    const start = new Date(2025, 0, 1, 12, 0).getTime();
    for (let day = 0; day < BACKUPS_KEPT + 3; day += 1) {
      await ensureDailyBackup({ db: store.db, backupsDir: store.backupsDir, now: start + day * DAY });
    }
    const kept = listBackups(store.backupsDir).map((path) => basename(path));
    expect(kept).toHaveLength(BACKUPS_KEPT);
    expect(kept[0]).toBe(backupFileName(start + (BACKUPS_KEPT + 2) * DAY));
    expect(kept.at(-1)).toBe(backupFileName(start + 3 * DAY));
    expect(existsSync(join(store.backupsDir, backupFileName(start)))).toBe(false);
  });
});

describe('backups that can be trusted', () => {
  it('a new backup that fails quick_check is dropped and no older backup is rotated out', async () => {
    const start = new Date(2025, 0, 1, 12, 0).getTime();
    for (let day = 0; day < BACKUPS_KEPT; day += 1)
      await ensureDailyBackup({ db: store.db, backupsDir: store.backupsDir, now: start + day * DAY });
    const before = listBackups(store.backupsDir);
    expect(before).toHaveLength(BACKUPS_KEPT);

    await expect(
      ensureDailyBackup({
        db: store.db,
        backupsDir: store.backupsDir,
        now: start + BACKUPS_KEPT * DAY,
        // A disk that corrupts what it writes: break the copy's first table page.
        beforeCheck: (partial) => {
          const copy = new Database(partial, { readonly: true });
          const root = copy
            .prepare("SELECT rootpage FROM sqlite_master WHERE name = 'drafts'")
            .pluck()
            .get() as number;
          const pageSize = copy.pragma('page_size', { simple: true }) as number;
          copy.close();
          const bytes = readFileSync(partial);
          bytes[(root - 1) * pageSize] = 0x00; // not a valid b-tree page type
          writeFileSync(partial, bytes);
        },
      }),
    ).rejects.toThrow(/failed its check .*older backups were kept/);
    expect(listBackups(store.backupsDir)).toEqual(before);
    expect(readdirSync(store.backupsDir).filter((name) => !name.endsWith('.sqlite'))).toEqual([]);
  });

  it('orders backups by the time recorded inside them, not by the date in their names', async () => {
    const drafts = createDraftRepository(store.db);
    const { id } = drafts.create();
    const save = (headline: string) =>
      drafts.save({ id, meta: { ...emptyMeta(), headline }, body: drafts.get(id).body });
    save('Older text');
    const older = new Date(2025, 5, 1, 12, 0).getTime();
    await ensureDailyBackup({ db: store.db, backupsDir: store.backupsDir, now: older });
    save('Newer text');
    const newer = older + 2 * DAY;
    const newest = (await ensureDailyBackup({ db: store.db, backupsDir: store.backupsDir, now: newer }))!;
    // A clock that was wrong when the newer copy was taken names it as if it were years older.
    renameSync(newest, join(store.backupsDir, 'copydesk-2019-01-01.sqlite'));

    const files = listBackupFiles(store.backupsDir);
    expect(files.map((file) => basename(file.path))).toEqual([
      'copydesk-2019-01-01.sqlite',
      backupFileName(older),
    ]);
    expect(files[0]!.takenAt).toBe(newer);
    expect(rotateBackups(store.backupsDir, 1).map((path) => basename(path))).toEqual([backupFileName(older)]);

    // Recovery restores the newest by recorded time too.
    store.close();
    writeFileSync(join(dir, DATABASE_FILE), Buffer.alloc(4096, 5));
    const reopened = openStore({ dataDir: dir, now: () => newer + DAY });
    store = reopened.store;
    expect(createDraftRepository(store.db).get(id).meta.headline).toBe('Newer text');
    expect(reopened.notices[0]?.message).toContain(`backup of ${backupFileName(newer).slice(9, 19)}`);
  });
});
