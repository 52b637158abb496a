import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyMeta } from '../../src-shared/article';
import { createDraftRepository } from '../../src-main/services/drafts/draftRepository';
import { createServices } from '../../src-main/services/createServices';
import { ensureDailyBackup } from '../../src-main/services/store/backups';
import { DATABASE_FILE, openStore } from '../../src-main/services/store/openStore';
import { NewerSchemaError, StoreOpenError } from '../../src-main/services/store/storeErrors';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'copydesk-recovery-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const NOW = new Date(2025, 4, 20, 10, 0).getTime();

async function storeWithBackedUpDraft(headline: string): Promise<string> {
  const { store } = openStore({ dataDir: dir });
  const drafts = createDraftRepository(store.db);
  const { id } = drafts.create();
  drafts.save({ id, meta: { ...emptyMeta(), headline }, body: drafts.get(id).body });
  await ensureDailyBackup({ db: store.db, backupsDir: store.backupsDir, now: NOW - 24 * 60 * 60 * 1000 });
  store.close();
  return id;
}

/** Breaks the first cell pointer of one table page, as a failing disk would; the header stays readable. */
function damageOnePage(path: string, pageNumber: number): void {
  const bytes = readFileSync(path);
  const pageStart = 4096 * (pageNumber - 1);
  bytes[pageStart + 8] = 0xff;
  bytes[pageStart + 9] = 0xff;
  writeFileSync(path, bytes);
}

function corruptFiles(): string[] {
  return readdirSync(dir).filter((name) => name.startsWith('copydesk.corrupt-'));
}

describe('opening a damaged database', () => {
  it('moves a file that is not a database aside, restores the newest good backup and says so', async () => {
    const id = await storeWithBackedUpDraft('Survives');
    const garbage = Buffer.from('this is not an SQLite database '.repeat(200));
    writeFileSync(join(dir, DATABASE_FILE), garbage);

    const { store, notices } = openStore({ dataDir: dir, now: () => NOW });
    try {
      expect(createDraftRepository(store.db).get(id).meta.headline).toBe('Survives');
    } finally {
      store.close();
    }
    const [moved] = corruptFiles().filter((name) => name.endsWith('.sqlite'));
    expect(moved).toBeDefined();
    expect(readFileSync(join(dir, moved!)).equals(garbage)).toBe(true);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.level).toBe('error');
    expect(notices[0]!.message).toContain(join(dir, moved!));
    expect(notices[0]!.message).toContain('restored from the backup of 2025-05-19');
  });

  it('detects damaged pages with quick_check and moves the -wal and -shm files along', async () => {
    await storeWithBackedUpDraft('Backed');
    const path = join(dir, DATABASE_FILE);
    // A database big enough that damage lands in table pages, not only the header.
    const db = new Database(path);
    db.pragma('journal_mode = DELETE');
    db.exec(`CREATE TABLE filler (x TEXT) STRICT`);
    const insert = db.prepare('INSERT INTO filler (x) VALUES (?)');
    for (let i = 0; i < 200; i += 1) insert.run('x'.repeat(500) + i);
    const fillerLeaf = db
      .prepare(
        `SELECT pageno FROM dbstat WHERE name = 'filler' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1`,
      )
      .pluck()
      .get() as number;
    db.close();
    damageOnePage(path, fillerLeaf);
    writeFileSync(`${path}-wal`, '');

    const { store, notices } = openStore({ dataDir: dir, now: () => NOW });
    store.close();
    expect(notices[0]?.level).toBe('error');
    expect(notices[0]?.message).toMatch(/damaged \(integrity check: /);
    expect(corruptFiles().sort()).toEqual(
      expect.arrayContaining([expect.stringMatching(/\.sqlite$/), expect.stringMatching(/\.sqlite-wal$/)]),
    );
  });

  it('starts empty and tells the user where the damaged file is when no backup exists', () => {
    writeFileSync(join(dir, DATABASE_FILE), Buffer.alloc(8192, 7));
    const { store, notices } = openStore({ dataDir: dir, now: () => NOW });
    try {
      expect(createDraftRepository(store.db).list()).toEqual([]);
    } finally {
      store.close();
    }
    expect(corruptFiles()).toHaveLength(1);
    expect(notices[0]?.message).toMatch(/No usable backup was found/);
    expect(notices[0]?.message).toContain(corruptFiles()[0]!);
  });

  it('skips a damaged backup and restores the next good one', async () => {
    const id = await storeWithBackedUpDraft('Older but good');
    const { store: opened } = openStore({ dataDir: dir });
    await ensureDailyBackup({ db: opened.db, backupsDir: opened.backupsDir, now: NOW });
    opened.close();
    const newest = join(dir, 'backups', readdirSync(join(dir, 'backups')).sort().at(-1)!);
    writeFileSync(newest, Buffer.alloc(4096, 1));
    writeFileSync(join(dir, DATABASE_FILE), Buffer.alloc(4096, 2));

    const { store, notices } = openStore({ dataDir: dir, now: () => NOW });
    try {
      expect(createDraftRepository(store.db).get(id).meta.headline).toBe('Older but good');
    } finally {
      store.close();
    }
    expect(notices[0]?.message).toContain('2025-05-19');
  });

  it('passes the recovery notice to the renderer through app:info', async () => {
    writeFileSync(join(dir, DATABASE_FILE), Buffer.alloc(4096, 3));
    const services = createServices({
      dataDir: dir,
      shell: 'browser',
      version: '1.0.0',
      backupIntervalMs: 0,
      openExternal: async () => {},
    });
    try {
      const info = await services.dispatch('app:info', {});
      expect(info.ok && info.value).toMatchObject({
        notices: [{ level: 'error', message: expect.stringContaining('copydesk.corrupt-') }],
      });
    } finally {
      services.close();
    }
  });

  it('does not treat a newer schema as damage: refuses and leaves the file in place', () => {
    const path = join(dir, DATABASE_FILE);
    const future = new Database(path);
    future.pragma('user_version = 42');
    future.close();
    const before = readFileSync(path);
    expect(() => openStore({ dataDir: dir })).toThrow(NewerSchemaError);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(corruptFiles()).toEqual([]);
  });

  it('explains a data folder it cannot create', () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    let caught: unknown;
    try {
      openStore({ dataDir: join(blocker, 'data') });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StoreOpenError);
    expect((caught as StoreOpenError).reason).toBe('data_dir_unusable');
    expect((caught as StoreOpenError).message).toMatch(/cannot use the data folder .*--data-dir/);
    expect(existsSync(join(blocker, 'data'))).toBe(false);
  });
});
