// Rolling daily backups with SQLite's online backup API (db.backup): a
// consistent copy taken while the app keeps writing. One file a day,
// copydesk-YYYY-MM-DD.sqlite (local date), the newest BACKUPS_KEPT kept.
import { mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';

export const BACKUPS_KEPT = 7;
const BACKUP_NAME = /^copydesk-(\d{4})-(\d{2})-(\d{2})\.sqlite$/;

export function backupsDirOf(dataDir: string): string {
  return join(dataDir, 'backups');
}

export function backupFileName(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `copydesk-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.sqlite`;
}

/** Backup files, newest first (the names sort by date). */
export function listBackups(backupsDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(backupsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((name) => BACKUP_NAME.test(name))
    .sort()
    .reverse()
    .map((name) => join(backupsDir, name));
}

/** Deletes all but the newest `keep` backups; returns the deleted paths. */
export function rotateBackups(backupsDir: string, keep = BACKUPS_KEPT): string[] {
  const stale = listBackups(backupsDir).slice(keep);
  for (const path of stale) rmSync(path, { force: true });
  return stale;
}

export interface BackupOptions {
  db: Database.Database;
  backupsDir: string;
  now: number;
  keep?: number;
}

/**
 * Takes today's backup unless it exists already, then rotates. Resolves to the
 * new file's path, or null when today's backup was there. The copy is written
 * under a temporary name and renamed, so a backup cut short (quit, crash)
 * never looks like a complete one.
 */
export async function ensureDailyBackup({
  db,
  backupsDir,
  now,
  keep = BACKUPS_KEPT,
}: BackupOptions): Promise<string | null> {
  mkdirSync(backupsDir, { recursive: true });
  const target = join(backupsDir, backupFileName(now));
  if (listBackups(backupsDir).includes(target)) return null;
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  try {
    await db.backup(partial);
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  rotateBackups(backupsDir, keep);
  return target;
}
