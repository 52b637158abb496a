// Opens the store in a data folder, recovering from a corrupt database file.
// Never wipes: a damaged file is moved aside (with its -wal and -shm), the
// newest backup that passes integrity_check is restored, and the notices say
// what happened and where the damaged file now is.
//
// Recovery survives its own interruption: a journal (copydesk.recovery.json)
// is written before the damaged file is touched and removed only once a
// database is open again. A start that finds it resumes where the last one
// stopped (a crash, a full disk) and tells the user, so an interrupted
// recovery never ends in a silent empty database. Only one process at a time
// uses a data folder (dataFolderLock.ts); the folder is 0700, files 0600.
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Notice } from '../../../src-shared/ipc';
import { backupsDirOf, listBackupFiles } from './backups';
import { lockDataFolder, type DataFolderLock } from './dataFolderLock';
import { fsyncDir, fsyncFile, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, writeNewFileSync } from './durableFiles';
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
  /** True when this start recovered a damaged database (moved it aside, restored a backup or started empty). */
  readonly recovered: boolean;
  /** Closes the database once; later calls do nothing. */
  close(): void;
}

export interface OpenStoreOptions {
  dataDir: string;
  now?: () => number;
  migrations?: readonly Migration[];
  /** See OpenDatabaseOptions.nativeBinding. */
  nativeBinding?: string;
  /** See OpenDatabaseOptions.synchronous. */
  synchronous?: 'FULL' | 'NORMAL';
  /** Test seam: called after each step of a recovery (tests kill the process here). */
  onRecoveryStep?: (step: RecoveryStep) => void;
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
  const binding = options.nativeBinding;
  prepareDataDir(dataDir);
  // Before anything is read or changed: a second process on this folder stops here.
  const lock = lockDataFolder(dataDir, binding);
  try {
    return openLocked(options, dataDir, now, migrations, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

function openLocked(
  options: OpenStoreOptions,
  dataDir: string,
  now: () => number,
  migrations: readonly Migration[],
  lock: DataFolderLock,
): OpenedStore {
  const binding = options.nativeBinding;
  const databasePath = join(dataDir, DATABASE_FILE);
  const backupsDir = backupsDirOf(dataDir);
  const notices: Notice[] = [];
  const known = latestSchemaVersion(migrations);
  const step = options.onRecoveryStep ?? (() => undefined);

  // A recovery that a crash or a full disk cut short is finished before anything else.
  let journal = readRecoveryJournal(dataDir);
  const resumed = journal !== null;
  if (journal === null) {
    const health = checkHealth(databasePath, known, binding);
    if (health.state === 'corrupt') {
      journal = startRecovery(dataDir, databasePath, health.detail, now());
      step('journal-written');
    }
  }
  let restored: RestoredBackup | null = null;
  if (journal !== null) {
    moveAside(databasePath, journal.movedTo, step);
    fsyncDir(dataDir);
    restored = existsSync(databasePath)
      ? // The file in place is the restored copy (or the empty database a start without backups created).
        journal.restoredFrom
        ? { path: journal.restoredFrom, takenAt: journal.restoredTakenAt ?? null }
        : null
      : restoreNewestGoodBackup(dataDir, backupsDir, databasePath, known, binding, journal, step);
  }

  secureDatabaseFiles(databasePath);
  let db: Database.Database;
  try {
    db = openDatabase(databasePath, { migrations, nativeBinding: binding, synchronous: options.synchronous });
  } catch (error) {
    if (error instanceof StoreOpenError) throw error;
    throw new StoreOpenError(
      'cannot_open',
      `Copydesk could not open its database ${databasePath}: ${describe(error)}. Check the folder's permissions and free disk space, or start with another --data-dir.`,
      { cause: error },
    );
  }
  secureDatabaseFiles(databasePath);

  if (journal !== null) {
    step('opened');
    // Only now, with a database in place, is the recovery complete.
    finishRecovery(dataDir);
    notices.push({ level: 'error', message: recoveryNotice(journal, restored, resumed) });
  }

  let closed = false;
  const store: Store = {
    db,
    dataDir,
    databasePath,
    backupsDir,
    recovered: journal !== null,
    close() {
      if (closed) return;
      closed = true;
      try {
        // Best effort: on a full or read-only disk it cannot write, and every commit is in the WAL anyway.
        db.pragma('optimize');
      } catch {
        // Closing still keeps everything committed.
      }
      try {
        db.close();
      } finally {
        lock.release();
      }
    },
  };
  return { store, notices };
}

function recoveryNotice(journal: RecoveryJournal, restored: RestoredBackup | null, resumed: boolean): string {
  return (
    `Copydesk's database was damaged (${journal.detail}). It was not deleted: it is now ${journal.movedTo}. ` +
    (restored
      ? `Your drafts were restored from the backup of ${restored.takenAt === null ? 'an unknown date' : localDate(restored.takenAt)}; changes made after that backup are not in it.`
      : 'No usable backup was found, so Copydesk started with an empty drafts list.') +
    (resumed
      ? ' (The previous start was interrupted while recovering; this start finished the recovery.)'
      : '')
  );
}

function localDate(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The database and its side files are readable by this user only. */
function secureDatabaseFiles(databasePath: string): void {
  if (!existsSync(databasePath)) {
    // Created empty here so SQLite (which gives -wal and -shm the database's mode) starts from 0600.
    closeSync(openSync(databasePath, 'a', PRIVATE_FILE_MODE));
  }
  for (const suffix of ['', ...SIDE_FILES]) {
    try {
      chmodSync(databasePath + suffix, PRIVATE_FILE_MODE);
    } catch {
      // Missing side file, or a file system without modes.
    }
  }
}

function prepareDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
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

const RECOVERY_JOURNAL = 'copydesk.recovery.json';

/** Written before a damaged database is touched; removed once a database is in place again. */
interface RecoveryJournal {
  movedTo: string;
  detail: string;
  startedAt: number;
  /** Set just before the restored copy is renamed into place. */
  restoredFrom?: string;
  restoredTakenAt?: number | null;
}

export type RecoveryStep =
  'journal-written' | 'moved-side-file' | 'moved-database' | 'copied-backup' | 'restored' | 'opened';

export interface RestoredBackup {
  path: string;
  takenAt: number | null;
}

function readRecoveryJournal(dataDir: string): RecoveryJournal | null {
  const path = join(dataDir, RECOVERY_JOURNAL);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<RecoveryJournal>;
    if (typeof parsed.movedTo === 'string' && typeof parsed.detail === 'string') {
      return {
        movedTo: parsed.movedTo,
        detail: parsed.detail,
        startedAt: typeof parsed.startedAt === 'number' ? parsed.startedAt : 0,
        ...(typeof parsed.restoredFrom === 'string' ? { restoredFrom: parsed.restoredFrom } : {}),
        ...(typeof parsed.restoredTakenAt === 'number' ? { restoredTakenAt: parsed.restoredTakenAt } : {}),
      };
    }
  } catch {
    // Cut short while it was written (it is written whole and renamed, so only a damaged disk does this).
  }
  throw new StoreOpenError(
    'recovery_incomplete',
    `Copydesk found an unreadable recovery note ${path}. A previous start was recovering a damaged database; nothing was deleted. Look for copydesk.corrupt-*.sqlite in ${dataDir}, then remove the note to start again.`,
  );
}

function writeRecoveryJournal(dataDir: string, journal: RecoveryJournal): void {
  const path = join(dataDir, RECOVERY_JOURNAL);
  const temp = `${path}.${process.pid}.tmp`;
  rmSync(temp, { force: true });
  writeNewFileSync(temp, JSON.stringify(journal));
  renameSync(temp, path);
  fsyncDir(dataDir);
}

function startRecovery(dataDir: string, databasePath: string, detail: string, now: number): RecoveryJournal {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const journal: RecoveryJournal = {
    movedTo: join(dataDir, `copydesk.corrupt-${stamp}.sqlite`),
    detail,
    startedAt: now,
  };
  try {
    writeRecoveryJournal(dataDir, journal);
  } catch (error) {
    throw new StoreOpenError(
      'recovery_incomplete',
      `Copydesk's database ${databasePath} is damaged (${detail}), and Copydesk could not start recovering it: ${describe(error)}. Nothing was changed. Free some disk space or fix the folder's permissions, then start Copydesk again.`,
      { cause: error },
    );
  }
  return journal;
}

function finishRecovery(dataDir: string): void {
  rmSync(join(dataDir, RECOVERY_JOURNAL), { force: true });
  fsyncDir(dataDir);
}

/**
 * Moves the damaged file and its -wal and -shm aside. Side files go first:
 * a main file left in place without its WAL would look healthy and old.
 * Each step checks what is already done, so a resumed recovery repeats none.
 */
function moveAside(databasePath: string, movedTo: string, step: (step: RecoveryStep) => void): void {
  for (const suffix of SIDE_FILES) {
    if (existsSync(databasePath + suffix) && !existsSync(movedTo + suffix)) {
      renameSync(databasePath + suffix, movedTo + suffix);
      step('moved-side-file');
    }
  }
  if (existsSync(databasePath) && !existsSync(movedTo)) {
    renameSync(databasePath, movedTo);
    step('moved-database');
  }
}

function restoreNewestGoodBackup(
  dataDir: string,
  backupsDir: string,
  databasePath: string,
  knownVersion: number,
  nativeBinding: string | undefined,
  journal: RecoveryJournal,
  step: (step: RecoveryStep) => void,
): RestoredBackup | null {
  const partial = `${databasePath}.restoring`;
  for (const backup of listBackupFiles(backupsDir, nativeBinding)) {
    if (!isRestorable(backup.path, knownVersion, nativeBinding)) continue;
    try {
      rmSync(partial, { force: true });
      copyFileSync(backup.path, partial);
      chmodSync(partial, PRIVATE_FILE_MODE);
      fsyncFile(partial);
      step('copied-backup');
      writeRecoveryJournal(dataDir, {
        ...journal,
        restoredFrom: backup.path,
        restoredTakenAt: backup.takenAt,
      });
      renameSync(partial, databasePath);
      fsyncDir(dataDir);
    } catch (error) {
      rmSync(partial, { force: true });
      throw new StoreOpenError(
        'recovery_incomplete',
        `Copydesk's database was damaged and has been moved aside to ${journal.movedTo} (nothing was deleted), but restoring the backup ${backup.path} failed: ${describe(error)}. Free some disk space, then start Copydesk again: it will finish the recovery.`,
        { cause: error },
      );
    }
    step('restored');
    return { path: backup.path, takenAt: backup.takenAt };
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
