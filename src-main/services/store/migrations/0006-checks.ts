// Schema 6: the Checks panel's words and ignores. The personal and the desk
// dictionary are word lists; findings the editor ignored are kept per draft
// (by the finding's key) and go with the draft when it is deleted for good.
import type { Migration } from './types';

export const checksMigration: Migration = {
  version: 6,
  name: 'checks',
  up(db) {
    db.exec(`
      CREATE TABLE check_words (
        dictionary TEXT    NOT NULL CHECK (dictionary IN ('personal', 'desk')),
        word       TEXT    NOT NULL CHECK (length(word) BETWEEN 1 AND 100),
        added_at   INTEGER NOT NULL,
        PRIMARY KEY (dictionary, word)
      ) STRICT;

      CREATE TABLE check_ignores (
        draft_id    TEXT    NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
        finding_key TEXT    NOT NULL CHECK (length(finding_key) BETWEEN 1 AND 1000),
        created_at  INTEGER NOT NULL,
        PRIMARY KEY (draft_id, finding_key)
      ) STRICT;

      CREATE TABLE check_settings (
        key        TEXT PRIMARY KEY,
        value_json TEXT NOT NULL CHECK (json_valid(value_json))
      ) STRICT;
    `);
  },
};
