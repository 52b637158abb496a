// Opens the SQLite database and brings its schema up to date.
//
// Durability: WAL with synchronous=FULL. Every commit (every autosave) is
// fsynced to the WAL file before it returns, so a committed save survives the
// process being killed at any moment (SIGKILL included) and an OS crash or
// power cut too, as far as the disk honours fsync (macOS: fsync does not
// flush the drive's cache; Copydesk does not use F_FULLFSYNC). Cost: one
// fsync per autosave; `node bench/run.mjs --only autosave` measures it against
// the same save with NORMAL in the same run (on a busy 2-core build machine,
// p50 about 19 ms against 12 ms).
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';
import { NewerSchemaError } from './storeErrors';
import { registerWordPairs } from './wordPairs';

export interface OpenDatabaseOptions {
  migrations?: readonly Migration[];
  /** How long a statement waits for a lock held by another connection (backups). */
  busyTimeoutMs?: number;
  /**
   * Path of a better-sqlite3 binary built for the running ABI. Unpackaged
   * Electron needs one built for Electron while Node (tests) uses the default.
   */
  nativeBinding?: string;
  /** FULL (the default) fsyncs every commit; NORMAL only at checkpoints (benchmarks compare the two). */
  synchronous?: 'FULL' | 'NORMAL';
}

export function latestSchemaVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.length === 0 ? 0 : migrations[migrations.length - 1]!.version;
}

/** Versions must be 1, 2, 3… in order: a gap or a duplicate is a programming error. */
export function assertMigrationsInOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migration "${migration.name}" has version ${migration.version}, expected ${index + 1}: versions must run 1, 2, 3… without gaps.`,
      );
    }
  });
}

export function readUserVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Opens (creating when missing) the database at `path`, refuses a schema newer
 * than the code before writing anything, then runs every pending migration in
 * ONE transaction and records the new PRAGMA user_version inside it.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Database.Database {
  const migrations = options.migrations ?? MIGRATIONS;
  assertMigrationsInOrder(migrations);
  const known = latestSchemaVersion(migrations);

  const db = new Database(path, {
    timeout: options.busyTimeoutMs ?? 5_000,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    // Read before any write (journal_mode=WAL rewrites the header): a newer
    // database must stay byte-for-byte as it was.
    const found = readUserVersion(db);
    if (found > known) throw new NewerSchemaError(path, found, known);

    db.pragma('journal_mode = WAL');
    db.pragma(options.synchronous === 'NORMAL' ? 'synchronous = NORMAL' : 'synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Keeps the WAL from staying huge after a large save was checkpointed.
    db.pragma('journal_size_limit = 67108864');

    // The word-pair index's triggers call this function on every write of a draft (wordPairs.ts).
    registerWordPairs(db);
    runMigrations(db, migrations, found);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function runMigrations(db: Database.Database, migrations: readonly Migration[], from: number): void {
  const pending = migrations.filter((migration) => migration.version > from);
  if (pending.length === 0) return;
  const target = pending[pending.length - 1]!.version;
  if (!Number.isSafeInteger(target) || target < 1) throw new Error(`Invalid schema version ${target}.`);
  db.transaction(() => {
    for (const migration of pending) migration.up(db);
    // PRAGMA takes no bound parameters; `target` is a checked integer, not user text.
    db.pragma(`user_version = ${target}`);
  })();
}
