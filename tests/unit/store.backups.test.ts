import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
  listBackups,
} from '../../src-main/services/store/backups';
import { openStore, type Store } from '../../src-main/services/store/openStore';

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
