// Opens the store in a data folder, recovering from a corrupt database file.
// Never wipes: a damaged file is moved aside (with its -wal and -shm), the
// newest backup that passes integrity_check is restored, and the notices say
// what happened and where the damaged file now is.
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Notice } from '../../../src-shared/ipc';
import { backupsDirOf, listBackups } from './backups';
import { latestSchemaVersion, openDatabase, readUserVersion } from './openDatabase';
import { MIGRATIONS, type Migration } from './migrations';
import { NewerSchemaError, StoreOpenError } from './storeErrors';

export const DATABASE_FILE = 'copydesk.sqlite';
const SIDE_FILES = ['-wal', '-shm'] as const;

export interface Store {
  readonly db: Database.Database;
  readonly dataDir: string;
  readonly databasePath: string;
  readonly backupsDir: string;
  /** Closes the database once; later calls do nothing. */
  close(): void;
}

export interface OpenStoreOptions {
  dataDir: string;
  now?: () => number;
  migrations?: readonly Migration[];
  /** See OpenDatabaseOptions.nativeBinding. */
  nativeBinding?: string;
}

export interface OpenedStore {
  store: Store;
  notices: Notice[];
}

type Health = { state: 'missing' } | { state: 'healthy' } | { state: 'corrupt'; detail: string };

export function openStore(options: OpenStoreOptions): OpenedStore {
  const { dataDir } = options;
  const now = options.now ?? Date.now;
  const migrations = options.migrations ?? MIGRATIONS;
  prepareDataDir(dataDir);
  const databasePath = join(dataDir, DATABASE_FILE);
  const backupsDir = backupsDirOf(dataDir);
  const notices: Notice[] = [];

  const health = checkHealth(databasePath, latestSchemaVersion(migrations), options.nativeBinding);
  if (health.state === 'corrupt') {
    const movedTo = moveAside(databasePath, dataDir, now());
    const restored = restoreNewestGoodBackup(
      backupsDir,
      databasePath,
      latestSchemaVersion(migrations),
      options.nativeBinding,
    );
    notices.push({
      level: 'error',
      message:
        `Copydesk's database was damaged (${health.detail}). It was not deleted: it is now ${movedTo}. ` +
        (restored
          ? `Your drafts were restored from the backup of ${restored.date}; changes made after that backup are not in it.`
          : 'No usable backup was found, so Copydesk started with an empty drafts list.'),
    });
  }

  let db: Database.Database;
  try {
    db = openDatabase(databasePath, { migrations, nativeBinding: options.nativeBinding });
  } catch (error) {
    if (error instanceof StoreOpenError) throw error;
    throw new StoreOpenError(
      'cannot_open',
      `Copydesk could not open its database ${databasePath}: ${describe(error)}. Close any other Copydesk window using this data folder, check the folder's permissions, or start with another --data-dir.`,
      { cause: error },
    );
  }

  let closed = false;
  const store: Store = {
    db,
    dataDir,
    databasePath,
    backupsDir,
    close() {
      if (closed) return;
      closed = true;
      try {
        db.pragma('optimize');
      } finally {
        db.close();
      }
    },
  };
  return { store, notices };
}

function prepareDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.R_OK | constants.W_OK);
  } catch (error) {
    throw new StoreOpenError(
      'data_dir_unusable',
      `Copydesk cannot use the data folder ${dataDir} (${describe(error)}). Check that it exists and that you may write to it, or start Copydesk with --data-dir pointing at another folder.`,
      { cause: error },
    );
  }
}

const CORRUPTION_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

function isCorruptionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' && [...CORRUPTION_CODES].some((c) => code === c || code.startsWith(`${c}_`))
  );
}

/**
 * Reads the file read-only: a newer schema throws NewerSchemaError (not
 * corruption, nothing touched), a file SQLite cannot read or whose
 * quick_check fails is corrupt, anything else (locked, no permission) is
 * rethrown for openDatabase to report.
 */
function checkHealth(databasePath: string, knownVersion: number, nativeBinding: string | undefined): Health {
  if (!existsSync(databasePath)) return { state: 'missing' };
  let db: Database.Database | undefined;
  try {
    db = new Database(databasePath, readOnlyOptions(nativeBinding));
    const found = readUserVersion(db);
    if (found > knownVersion) throw new NewerSchemaError(databasePath, found, knownVersion);
    let problems: string | null;
    try {
      problems = quickCheck(db);
    } catch (error) {
      // quick_check itself may stop with SQLITE_CORRUPT on a damaged page.
      if (!isCorruptionError(error)) throw error;
      problems = describe(error);
    }
    return problems === null
      ? { state: 'healthy' }
      : { state: 'corrupt', detail: `integrity check: ${problems}` };
  } catch (error) {
    if (error instanceof NewerSchemaError) throw error;
    if (isCorruptionError(error)) return { state: 'corrupt', detail: describe(error) };
    // Not ours to judge here (busy, permissions): openDatabase reports it.
    return { state: 'healthy' };
  } finally {
    db?.close();
  }
}

/** null when the check passes, else the first problems SQLite reported. */
function quickCheck(
  db: Database.Database,
  pragma: 'quick_check' | 'integrity_check' = 'quick_check',
): string | null {
  const rows = db.pragma(pragma === 'quick_check' ? 'quick_check(5)' : 'integrity_check(5)', {
    simple: false,
  }) as Array<Record<string, unknown>>;
  const messages = rows.map((row) => String(Object.values(row)[0]));
  return messages.length === 1 && messages[0] === 'ok' ? null : messages.join('; ').slice(0, 300);
}

function moveAside(databasePath: string, dataDir: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const movedTo = join(dataDir, `copydesk.corrupt-${stamp}.sqlite`);
  renameSync(databasePath, movedTo);
  for (const suffix of SIDE_FILES) {
    if (existsSync(databasePath + suffix)) renameSync(databasePath + suffix, movedTo + suffix);
  }
  return movedTo;
}

function restoreNewestGoodBackup(
  backupsDir: string,
  databasePath: string,
  knownVersion: number,
  nativeBinding: string | undefined,
): { path: string; date: string } | null {
  for (const path of listBackups(backupsDir)) {
    if (!isRestorable(path, knownVersion, nativeBinding)) continue;
    const partial = `${databasePath}.restoring`;
    copyFileSync(path, partial);
    renameSync(partial, databasePath);
    for (const suffix of SIDE_FILES) rmSync(databasePath + suffix, { force: true });
    const date = /(\d{4}-\d{2}-\d{2})/.exec(path)?.[1] ?? path;
    return { path, date };
  }
  return null;
}

function isRestorable(path: string, knownVersion: number, nativeBinding: string | undefined): boolean {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, readOnlyOptions(nativeBinding));
    return readUserVersion(db) <= knownVersion && quickCheck(db, 'integrity_check') === null;
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

function readOnlyOptions(nativeBinding: string | undefined): Database.Options {
  return { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
