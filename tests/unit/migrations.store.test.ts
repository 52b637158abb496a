import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, type Migration } from '../../src-main/services/store/migrations';
import {
  assertMigrationsInOrder,
  latestSchemaVersion,
  openDatabase,
  readUserVersion,
} from '../../src-main/services/store/openDatabase';
import { NewerSchemaError } from '../../src-main/services/store/storeErrors';

const dirs: string[] = [];
function tempDbPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'copydesk-migrations-'));
  dirs.push(dir);
  return join(dir, 'copydesk.sqlite');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('creates the whole schema on an empty file and records user_version', () => {
    const db = openDatabase(tempDbPath());
    expect(readUserVersion(db)).toBe(latestSchemaVersion());
    const tables = db
      .prepare<[], { name: string }>(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`)
      .all()
      .map((row) => row.name);
    expect(tables).toEqual(expect.arrayContaining(['drafts', 'draft_history', 'drafts_fts']));
    db.close();
  });

  it('makes every ordinary table STRICT', () => {
    const db = openDatabase(tempDbPath());
    const tables = db
      .prepare<[], { name: string; strict: number }>(
        `SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
         AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'`,
      )
      .all();
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables)
      expect({ table: table.name, strict: table.strict }).toEqual({ table: table.name, strict: 1 });
    db.close();
  });

  it('opens in WAL mode with foreign keys on', () => {
    const db = openDatabase(tempDbPath());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('is idempotent: reopening runs nothing and keeps the data', () => {
    const path = tempDbPath();
    const first = openDatabase(path);
    first
      .prepare(`INSERT INTO drafts (id, body_json, created_at, updated_at) VALUES ('abcdefgh12', '{}', 1, 1)`)
      .run();
    first.close();
    const second = openDatabase(path);
    expect(second.prepare('SELECT count(*) AS n FROM drafts').get()).toEqual({ n: 1 });
    second.close();
  });

  it('runs all pending migrations in one transaction: a failing one leaves the file at its old version', () => {
    const path = tempDbPath();
    const failing: Migration = {
      version: 2,
      name: 'fails',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER) STRICT');
        throw new Error('boom');
      },
    };
    expect(() => openDatabase(path, { migrations: [...MIGRATIONS.slice(0, 1), failing] })).toThrow('boom');
    const db = new Database(path);
    expect(readUserVersion(db)).toBe(0);
    expect(db.prepare(`SELECT name FROM sqlite_schema WHERE name IN ('drafts', 'half_done')`).all()).toEqual(
      [],
    );
    db.close();
  });

  it('refuses a database from a newer Copydesk and leaves it byte-for-byte untouched', () => {
    const path = tempDbPath();
    const future = new Database(path);
    future.exec('CREATE TABLE from_the_future (x INTEGER) STRICT');
    future.pragma('user_version = 99');
    future.close();
    const before = readFileSync(path);

    let caught: unknown;
    try {
      openDatabase(path);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NewerSchemaError);
    const error = caught as NewerSchemaError;
    expect(error.foundVersion).toBe(99);
    expect(error.message).toContain(
      `This data was written by a newer Copydesk (schema 99; this version knows ${latestSchemaVersion()}). Update Copydesk`,
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('rejects a migration list with a gap', () => {
    const gap: Migration = { version: 3, name: 'gap', up() {} };
    expect(() => assertMigrationsInOrder([...MIGRATIONS.slice(0, 1), gap])).toThrow(/expected 2/);
    expect(() => assertMigrationsInOrder(MIGRATIONS)).not.toThrow();
  });
});
