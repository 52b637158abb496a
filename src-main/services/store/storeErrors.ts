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
