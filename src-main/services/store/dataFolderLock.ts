// One process per data folder. Electron has its own single-instance lock; the
// browser shell has none, and two processes on one folder would both run the
// outbox (double sends) and both write drafts. So the store itself takes the
// lock, for either shell, before it reads or changes anything: an SQLite file
// `copydesk.lock` held in exclusive locking mode with an open write
// transaction. The operating system releases that lock when the process ends
// in any way (SIGKILL and power cuts included), so a stale lock never blocks
// the next start. `copydesk.pid` beside it only says who holds it.
import { chmodSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PRIVATE_FILE_MODE, writeNewFileSync } from './durableFiles';
import { StoreOpenError } from './storeErrors';

export const LOCK_FILE = 'copydesk.lock';
export const PID_FILE = 'copydesk.pid';

export interface DataFolderLock {
  /** Releases the lock once; later calls do nothing. */
  release(): void;
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/** Takes the data folder's lock or throws StoreOpenError('in_use') naming the process that holds it. */
export function lockDataFolder(dataDir: string, nativeBinding?: string): DataFolderLock {
  const lockPath = join(dataDir, LOCK_FILE);
  const pidPath = join(dataDir, PID_FILE);
  let db: Database.Database | undefined;
  try {
    db = new Database(lockPath, { timeout: 0, ...(nativeBinding ? { nativeBinding } : {}) });
    chmodSync(lockPath, PRIVATE_FILE_MODE);
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db?.close();
    if (!isBusy(error)) {
      throw new StoreOpenError(
        'data_dir_unusable',
        `Copydesk cannot use the data folder ${dataDir}: it could not create its lock file ${lockPath} (${error instanceof Error ? error.message : String(error)}). Check that you may write to the folder, or start Copydesk with --data-dir pointing at another folder.`,
        { cause: error },
      );
    }
    throw new StoreOpenError(
      'in_use',
      `Copydesk is already running with the data folder ${dataDir}${holderOf(pidPath)}. ` +
        'Use that window, or quit it before starting Copydesk again on this folder. This start changed nothing.',
      { cause: error },
    );
  }
  try {
    const temp = `${pidPath}.${process.pid}.tmp`;
    writeNewFileSync(temp, `${JSON.stringify({ pid: process.pid, startedAt: Date.now() })}\n`);
    renameSync(temp, pidPath);
  } catch {
    // Only informational: the lock itself is held.
  }
  let released = false;
  const held = db;
  return {
    release() {
      if (released) return;
      released = true;
      held.close();
    },
  };
}

function holderOf(pidPath: string): string {
  try {
    const parsed = JSON.parse(readFileSync(pidPath, 'utf8')) as { pid?: unknown };
    return typeof parsed.pid === 'number' ? ` (process ${parsed.pid})` : '';
  } catch {
    return '';
  }
}
