// Failures that stop the store from opening. Each message is written for the
// person at the keyboard; shells show it and exit instead of starting empty.

export type StoreOpenReason =
  | 'newer_schema'
  | 'data_dir_unusable'
  | 'cannot_open'
  /** Another Copydesk process holds this data folder (store/dataFolderLock.ts). */
  | 'in_use'
  /** A recovery of a damaged database could not finish; it resumes at the next start. */
  | 'recovery_incomplete';

export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
  constructor(
    readonly reason: StoreOpenReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The database was written by a newer Copydesk; it is left exactly as it is. */
export class NewerSchemaError extends StoreOpenError {
  override name = 'NewerSchemaError';
  constructor(
    readonly databasePath: string,
    readonly foundVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      'newer_schema',
      `This data was written by a newer Copydesk (schema ${foundVersion}; this version knows ${knownVersion}). ` +
        `Update Copydesk to open it. Nothing in ${databasePath} was changed.`,
    );
  }
}

/**
 * The message for a write the store refused (disk full, read-only or failing
 * disk), or null when `error` is something else. SQLite reports a file that
 * may not be written (read-only mount, immutable file) as SQLITE_IOERR_WRITE
 * or SQLITE_READONLY_*, and a full disk as SQLITE_FULL.
 */
export function storeWriteFailure(
  error: unknown,
): { code: 'storage_full' | 'storage_readonly'; message: string } | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC' || code === 'EDQUOT') {
    return {
      code: 'storage_full',
      message: 'The disk is full. Free some space; Copydesk keeps trying and nothing already saved is lost.',
    };
  }
  if (
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_IOERR') ||
    code.startsWith('SQLITE_CANTOPEN') ||
    ['EACCES', 'EROFS', 'EPERM', 'EIO'].includes(code)
  ) {
    return {
      code: 'storage_readonly',
      message:
        'Copydesk cannot write to its data folder (the disk refused the write). Check that the folder is on a working disk you may write to; Copydesk keeps trying and nothing already saved is lost.',
    };
  }
  return null;
}
