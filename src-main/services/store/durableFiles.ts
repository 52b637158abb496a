// Small helpers that make a file operation reach the disk before the next
// step relies on it: fsync a file's bytes, fsync a folder so a rename or a
// new name in it is recorded. Windows cannot open a folder for syncing; its
// renames are still atomic, so that step is skipped there.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Owner-only modes for everything Copydesk writes in its data folder. */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Flushes a file's bytes and size to the disk. */
export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes a folder's entries (a rename into it, a new file) to the disk, where the OS allows it. */
export function fsyncDir(path: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Windows (EPERM/EISDIR): directory entries cannot be synced there.
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `text` to a new file that must not exist yet (exclusive create: an
 * existing file or a planted symlink at `path` fails with EEXIST instead of
 * being followed), owner-only, synced before it is closed.
 */
export function writeNewFileSync(path: string, text: string): void {
  const fd = openSync(path, 'wx', PRIVATE_FILE_MODE);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Replaces `path` with `text` atomically: a new owner-only temporary file
 * (random name, exclusive create, never following a planted symlink) is
 * written and synced, renamed over `path`, and the folder synced.
 */
export function replaceFilePrivately(path: string, text: string): void {
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeNewFileSync(temp, text);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  fsyncDir(dirname(path));
}
