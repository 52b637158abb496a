// The media store: every image once, by the sha256 of its bytes, at
// <dataDir>/media/<first two hex digits>/<hash>, so a draft and its images
// are complete offline. Files are written to a temporary name, synced and
// renamed, so a crash leaves either the whole file or none. The `media`
// table (migration 2) records type and size; the file is the truth.
//
// Clean-up never deletes an image outright: an image nothing refers to moves
// to <dataDir>/media-trash/<hash> and is deleted from there only after
// MEDIA_TRASH_KEEP_MS (30 days). Reading an image that is only in the trash
// (a restored backup, an older revision) moves it back. createServices skips
// clean-up entirely in a start that recovered a damaged database.
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readdir, readFile, rename, stat, unlink, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { IMAGE_MIME_TYPES, type ImageMime, type ImageRef } from '../../../src-shared/image';
import { detectImageType, inspectImage } from './inspectImage';
import { readImageMetadata } from './readImageMetadata';

const SHA256_HEX = /^[0-9a-f]{64}$/;
const TEMP_SUFFIX = '.tmp';
/** Files younger than this are never collected: an image just inserted may not be in a saved draft yet. */
export const DEFAULT_COLLECT_MIN_AGE_MS = 24 * 60 * 60 * 1000;
/** How long an unused image stays in media-trash/ before it is deleted. */
export const MEDIA_TRASH_KEEP_MS = 30 * 24 * 60 * 60 * 1000;
const PRIVATE_DIR_MODE = 0o700;

export interface ImportImageInput {
  bytes: Uint8Array;
  /** The file's name as the editor picked or dropped it ("" for pasted data); only used in messages. */
  name: string;
}

export interface ImportedImage {
  /** The new reference: type and size from the bytes, caption/credit/copyright from the file, alt text empty. */
  image: ImageRef;
  /** Something the editor should know that did not stop the import (e.g. the name lied about the type). */
  notice: string | null;
}

export interface StoredImage {
  bytes: Buffer;
  mime: ImageMime;
}

export interface CollectResult {
  /** Hashes moved from media/ to media-trash/. */
  removed: string[];
  /** Bytes moved to the trash. */
  freedBytes: number;
  /** Hashes deleted from media-trash/ after MEDIA_TRASH_KEEP_MS. */
  purged: string[];
}

export interface MediaStoreOptions {
  dataDir: string;
  db: Database.Database;
  now?: () => number;
}

export interface MediaStore {
  importImage(input: ImportImageInput): Promise<ImportedImage>;
  /** The stored bytes and type, or null when the hash is malformed or not stored. */
  readImage(hash: string): Promise<StoredImage | null>;
  /** Absolute path where the image with this hash is (or would be) stored. Throws on a malformed hash. */
  mediaPath(hash: string): string;
  /** Moves stored images no draft, revision or publish job refers to into media-trash/ (and deletes stale temporary files and trash older than 30 days). */
  collectUnusedMedia(options?: { minAgeMs?: number; trashKeepMs?: number }): Promise<CollectResult>;
}

export function mediaDirOf(dataDir: string): string {
  return join(dataDir, 'media');
}

export function mediaTrashDirOf(dataDir: string): string {
  return join(dataDir, 'media-trash');
}

export function mediaPathIn(dataDir: string, hash: string): string {
  if (!SHA256_HEX.test(hash)) throw new Error(`Not an image hash: ${hash.slice(0, 80)}`);
  return join(mediaDirOf(dataDir), hash.slice(0, 2), hash);
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Writes bytes to `path` via a synced temporary file and a rename; the directory entry is synced where the OS allows. */
async function writeFileAtomically(path: string, dir: string, bytes: Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  try {
    const dirHandle = await open(dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
  } catch {
    // Windows cannot open a directory for syncing; the rename is still atomic there.
  }
}

async function fileSize(path: string): Promise<number | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

/** Stores bytes under their hash; storing the same bytes again writes nothing. Returns the hash. */
export async function storeBytes(dataDir: string, bytes: Uint8Array, nowMs: number): Promise<string> {
  const hash = sha256Hex(bytes);
  const path = mediaPathIn(dataDir, hash);
  const dir = join(mediaDirOf(dataDir), hash.slice(0, 2));
  if ((await fileSize(path)) === bytes.byteLength) {
    // Fresh again: cleanup never takes a file that was just inserted, even if it was unused a moment ago.
    const seconds = nowMs / 1000;
    await utimes(path, seconds, seconds).catch(() => undefined);
    return hash;
  }
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  await writeFileAtomically(path, dir, bytes);
  return hash;
}

function isImageMime(value: unknown): value is ImageMime {
  return typeof value === 'string' && (IMAGE_MIME_TYPES as readonly string[]).includes(value);
}

/** Where documents mention images: every 64-hex string in these columns counts as a reference. */
const REFERENCING_COLUMNS: ReadonlyArray<readonly [table: string, column: string]> = [
  ['drafts', 'body_json'],
  ['drafts', 'lead_image'],
  ['draft_revisions', 'body_json'],
  ['draft_revisions', 'meta_json'],
  // History rows are compressed; each lists the hashes it uses in plain text.
  ['draft_history', 'image_refs'],
  ['publish_jobs', 'snapshot_json'],
  ['publish_jobs', 'progress_json'],
];

/**
 * Every hash any draft (live or in the trash), revision or publish job
 * mentions. Reading the JSON text rather than parsing it keeps this simple
 * and errs on the safe side: anything that looks like a hash keeps its file.
 */
export function referencedHashes(db: Database.Database): Set<string> {
  const found = new Set<string>();
  const tables = new Set(
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[],
  );
  for (const [table, column] of REFERENCING_COLUMNS) {
    if (!tables.has(table)) continue;
    const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[];
    if (!columns.includes(column)) continue;
    const rows = db
      .prepare(`SELECT "${column}" FROM "${table}" WHERE "${column}" IS NOT NULL`)
      .pluck()
      .iterate();
    for (const text of rows) {
      if (typeof text !== 'string') continue;
      for (const match of text.matchAll(/[0-9a-f]{64}/g)) found.add(match[0]);
    }
  }
  return found;
}

/**
 * Moves unreferenced images older than `minAgeMs` to media-trash/ (dropping
 * their `media` rows), deletes stale temporary files, and deletes trashed
 * images older than `trashKeepMs`.
 */
export async function collectUnusedMedia(
  db: Database.Database,
  dataDir: string,
  options: { now?: number; minAgeMs?: number; trashKeepMs?: number } = {},
): Promise<CollectResult> {
  const now = options.now ?? Date.now();
  const minAgeMs = options.minAgeMs ?? DEFAULT_COLLECT_MIN_AGE_MS;
  const referenced = referencedHashes(db);
  const root = mediaDirOf(dataDir);
  const trash = mediaTrashDirOf(dataDir);
  const result: CollectResult = { removed: [], freedBytes: 0, purged: [] };
  let prefixes: string[];
  try {
    prefixes = await readdir(root);
  } catch {
    prefixes = [];
  }
  const deleteRow = hasMediaTable(db) ? db.prepare('DELETE FROM media WHERE hash = ?') : null;
  const candidates: Array<{ path: string; name: string; isHash: boolean; size: number }> = [];
  for (const prefix of prefixes) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue;
    const dir = join(root, prefix);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const isHash = SHA256_HEX.test(name) && name.startsWith(prefix);
      const isTemp = name.endsWith(TEMP_SUFFIX);
      if (!isHash && !isTemp) continue;
      if (isHash && referenced.has(name)) continue;
      const path = join(dir, name);
      try {
        const info = await stat(path);
        if (info.isFile() && now - info.mtimeMs >= minAgeMs)
          candidates.push({ path, name, isHash, size: info.size });
      } catch {
        continue;
      }
    }
  }
  // Read again after the (asynchronous) listing: a save may have landed meanwhile.
  const stillReferenced = candidates.length > 0 ? referencedHashes(db) : referenced;
  if (candidates.some((candidate) => candidate.isHash))
    await mkdir(trash, { recursive: true, mode: PRIVATE_DIR_MODE });
  for (const candidate of candidates) {
    if (candidate.isHash && stillReferenced.has(candidate.name)) continue;
    try {
      if (candidate.isHash) {
        const trashed = join(trash, candidate.name);
        await rename(candidate.path, trashed);
        // The 30 days count from the move, not from the import.
        const seconds = now / 1000;
        await utimes(trashed, seconds, seconds).catch(() => undefined);
      } else {
        await unlink(candidate.path);
      }
    } catch {
      continue;
    }
    if (candidate.isHash) {
      deleteRow?.run(candidate.name);
      result.removed.push(candidate.name);
      result.freedBytes += candidate.size;
    }
  }
  // Rows whose file is gone and that nothing refers to.
  if (hasMediaTable(db)) {
    const rows = db.prepare('SELECT hash FROM media').pluck().all() as string[];
    for (const hash of rows) {
      if (!stillReferenced.has(hash) && (await fileSize(mediaPathIn(dataDir, hash))) === null)
        deleteRow?.run(hash);
    }
  }
  await purgeTrash(trash, now, options.trashKeepMs ?? MEDIA_TRASH_KEEP_MS, result);
  return result;
}

async function purgeTrash(trash: string, now: number, keepMs: number, result: CollectResult): Promise<void> {
  let names: string[];
  try {
    names = await readdir(trash);
  } catch {
    return;
  }
  for (const name of names) {
    if (!SHA256_HEX.test(name)) continue;
    const path = join(trash, name);
    try {
      const info = await stat(path);
      if (!info.isFile() || now - info.mtimeMs < keepMs) continue;
      await unlink(path);
      result.purged.push(name);
    } catch {
      continue;
    }
  }
}

/** Moves an image that clean-up put in media-trash/ back into media/; false when it is not there. */
async function restoreFromTrash(dataDir: string, hash: string): Promise<boolean> {
  const trashed = join(mediaTrashDirOf(dataDir), hash);
  try {
    await mkdir(join(mediaDirOf(dataDir), hash.slice(0, 2)), { recursive: true, mode: PRIVATE_DIR_MODE });
    await rename(trashed, mediaPathIn(dataDir, hash));
    await chmod(mediaPathIn(dataDir, hash), 0o600).catch(() => undefined);
    return true;
  } catch {
    return false;
  }
}

function hasMediaTable(db: Database.Database): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'media'").get() !== undefined
  );
}

export function createMediaStore(options: MediaStoreOptions): MediaStore {
  const { dataDir, db } = options;
  const now = options.now ?? Date.now;
  const recordMedia = hasMediaTable(db)
    ? db.prepare(
        `INSERT INTO media (hash, mime, width, height, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (hash) DO NOTHING`,
      )
    : null;
  const mimeOf = hasMediaTable(db) ? db.prepare('SELECT mime FROM media WHERE hash = ?').pluck() : null;

  return {
    async importImage({ bytes, name }) {
      // Every check runs before anything is written: a refused file leaves no trace.
      const inspected = inspectImage(bytes, name);
      const metadata = await readImageMetadata(bytes, inspected.mime);
      const hash = await storeBytes(dataDir, bytes, now());
      recordMedia?.run(hash, inspected.mime, inspected.width, inspected.height, bytes.byteLength, now());
      return {
        image: {
          hash,
          mime: inspected.mime,
          width: inspected.width,
          height: inspected.height,
          caption: metadata.caption,
          credit: metadata.credit,
          alt: '',
          copyright: metadata.copyright,
          fromFile: metadata.fromFile,
        },
        notice: inspected.notice,
      };
    },

    async readImage(hash) {
      if (!SHA256_HEX.test(hash)) return null;
      let bytes: Buffer;
      try {
        bytes = await readFile(mediaPathIn(dataDir, hash));
      } catch {
        // A document still (or again) refers to it: bring it back from the trash.
        if (!(await restoreFromTrash(dataDir, hash))) return null;
        try {
          bytes = await readFile(mediaPathIn(dataDir, hash));
        } catch {
          return null;
        }
      }
      const recorded: unknown = mimeOf?.get(hash);
      if (isImageMime(recorded)) return { bytes, mime: recorded };
      const detected = detectImageType(bytes);
      return detected.kind === 'image' ? { bytes, mime: detected.mime } : null;
    },

    mediaPath(hash) {
      return mediaPathIn(dataDir, hash);
    },

    collectUnusedMedia(collectOptions = {}) {
      return collectUnusedMedia(db, dataDir, { now: now(), ...collectOptions });
    },
  };
}
