// Rolling daily backups with SQLite's online backup API (db.backup): a
// consistent copy taken while the app keeps writing. One file a day,
// copydesk-YYYY-MM-DD.sqlite (local date), the newest BACKUPS_KEPT kept.
//
// Each backup records the moment it was taken inside itself (a one-row table
// copydesk_backup_info that only backups carry), and backups are ordered by
// that recorded time, not by the date in their names: a clock or time zone
// change cannot make an old copy look like the newest. A new copy is written
// under a temporary name, quick_checked, synced and renamed before any older
// backup is rotated out, so a failed or damaged copy never costs a good one.
import { chmodSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { fsyncDir, fsyncFile, PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './durableFiles';

export const BACKUPS_KEPT = 7;
const BACKUP_NAME = /^copydesk-(\d{4})-(\d{2})-(\d{2})\.sqlite$/;
/** The table a backup records its own time in; never part of the live schema. */
export const BACKUP_INFO_TABLE = 'copydesk_backup_info';

export function backupsDirOf(dataDir: string): string {
  return join(dataDir, 'backups');
}

export function backupFileName(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `copydesk-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.sqlite`;
}

export interface BackupFile {
  path: string;
  /** When the copy was taken, as recorded inside it; null for a file that cannot be read (or predates the record). */
  takenAt: number | null;
}

/**
 * Reads the time a backup recorded inside itself. Files without the record
 * (older backups) fall back to their modification time; unreadable files
 * give null.
 */
export function readBackupTime(path: string, nativeBinding?: string): number | null {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, {
      readonly: true,
      fileMustExist: true,
      ...(nativeBinding ? { nativeBinding } : {}),
    });
    const hasInfo = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")
      .get(BACKUP_INFO_TABLE);
    if (hasInfo) {
      const takenAt: unknown = db.prepare(`SELECT taken_at FROM ${BACKUP_INFO_TABLE}`).pluck().get();
      if (typeof takenAt === 'number' && Number.isFinite(takenAt)) return takenAt;
    }
    return statSync(path).mtimeMs;
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/** Backup files, newest recorded time first; files that cannot be read come last. */
export function listBackupFiles(backupsDir: string, nativeBinding?: string): BackupFile[] {
  let names: string[];
  try {
    names = readdirSync(backupsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => BACKUP_NAME.test(name))
    .map((name) => {
      const path = join(backupsDir, name);
      return { path, takenAt: readBackupTime(path, nativeBinding) };
    })
    .sort((a, b) => (b.takenAt ?? -Infinity) - (a.takenAt ?? -Infinity) || (a.path < b.path ? 1 : -1));
}

/** Backup paths, newest recorded time first. */
export function listBackups(backupsDir: string, nativeBinding?: string): string[] {
  return listBackupFiles(backupsDir, nativeBinding).map((file) => file.path);
}

/** Deletes all but the newest `keep` backups (by recorded time); returns the deleted paths. */
export function rotateBackups(
  backupsDir: string,
  keep = BACKUPS_KEPT,
  nativeBinding?: string,
  onRotated?: (deletedPath: string) => void,
): string[] {
  const stale = listBackups(backupsDir, nativeBinding).slice(keep);
  for (const path of stale) {
    rmSync(path, { force: true });
    onRotated?.(path);
  }
  return stale;
}

export interface BackupOptions {
  db: Database.Database;
  backupsDir: string;
  now: number;
  keep?: number;
  nativeBinding?: string;
  /** Test seam: runs on the finished copy before it is checked (tests damage it here). */
  beforeCheck?: (partialPath: string) => void;
  /** Test seam: runs after each older backup is deleted. */
  onRotated?: (deletedPath: string) => void;
}

export class BackupCheckError extends Error {
  override name = 'BackupCheckError';
}

/**
 * Takes today's backup unless it exists already, then rotates. Resolves to the
 * new file's path, or null when today's backup was there. The copy is written
 * under a temporary name, stamped with its time, quick_checked, synced and
 * renamed, so a backup cut short (quit, crash) never looks like a complete
 * one, and older backups are only rotated out once the new one is known good.
 */
export async function ensureDailyBackup({
  db,
  backupsDir,
  now,
  keep = BACKUPS_KEPT,
  nativeBinding,
  beforeCheck,
  onRotated,
}: BackupOptions): Promise<string | null> {
  mkdirSync(backupsDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const target = join(backupsDir, backupFileName(now));
  if (readdirSync(backupsDir).includes(backupFileName(now))) return null;
  const partial = `${target}.partial`;
  removeWithSideFiles(partial);
  try {
    await db.backup(partial);
    chmodSync(partial, PRIVATE_FILE_MODE);
    stampBackup(partial, now, nativeBinding);
    beforeCheck?.(partial);
    const problem = checkBackup(partial, nativeBinding);
    if (problem !== null) {
      throw new BackupCheckError(`The new backup failed its check (${problem}); older backups were kept.`);
    }
    fsyncFile(partial);
    renameSync(partial, target);
    fsyncDir(backupsDir);
  } catch (error) {
    removeWithSideFiles(partial);
    throw error;
  }
  rotateBackups(backupsDir, keep, nativeBinding, onRotated);
  return target;
}

function removeWithSideFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
}

/** Records the time inside the copy, in rollback-journal mode so the file stands alone. */
function stampBackup(path: string, takenAt: number, nativeBinding: string | undefined): void {
  const copy = new Database(path, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    copy.pragma('journal_mode = DELETE');
    copy.exec(`CREATE TABLE IF NOT EXISTS ${BACKUP_INFO_TABLE} (taken_at INTEGER NOT NULL) STRICT`);
    copy.exec(`DELETE FROM ${BACKUP_INFO_TABLE}`);
    copy.prepare(`INSERT INTO ${BACKUP_INFO_TABLE} (taken_at) VALUES (?)`).run(Math.trunc(takenAt));
  } finally {
    copy.close();
  }
}

/** null when quick_check passes, else what SQLite reported. */
export function checkBackup(path: string, nativeBinding?: string): string | null {
  let copy: Database.Database | undefined;
  try {
    copy = new Database(path, {
      readonly: true,
      fileMustExist: true,
      ...(nativeBinding ? { nativeBinding } : {}),
    });
    const rows = copy.pragma('quick_check(5)', { simple: false }) as Array<Record<string, unknown>>;
    const messages = rows.map((row) => String(Object.values(row)[0]));
    return messages.length === 1 && messages[0] === 'ok' ? null : messages.join('; ').slice(0, 300);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    copy?.close();
  }
}
