import type Database from 'better-sqlite3';

/**
 * One schema version. `up` runs inside the migration transaction that
 * openDatabase opens: it must not open its own transaction, change
 * journal_mode, or touch PRAGMA user_version (the runner records it).
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}
