// Schema 1: drafts, their revision snapshots (History) and full-text search.
import type { Migration } from './types';

export const draftsMigration: Migration = {
  version: 1,
  name: 'drafts',
  up(db) {
    // `seq` is an explicit INTEGER PRIMARY KEY so the rowid that drafts_fts
    // points at survives VACUUM (an implicit rowid may be renumbered).
    // `id` is the public key: random, url-safe, what IPC and foreign keys use.
    // Column order matters: summary columns first, the large body columns
    // last, so listing 10,000 drafts never reads a body's overflow pages.
    db.exec(`
      CREATE TABLE drafts (
        seq          INTEGER PRIMARY KEY,
        id           TEXT    NOT NULL UNIQUE CHECK (length(id) BETWEEN 8 AND 64),
        headline     TEXT    NOT NULL DEFAULT '',
        article_type TEXT    NOT NULL DEFAULT 'news'
                     CHECK (article_type IN ('news', 'opinion', 'analysis', 'feature')),
        status       TEXT    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'changed')),
        word_count   INTEGER NOT NULL DEFAULT 0,
        revision     INTEGER NOT NULL DEFAULT 0,
        created_at   INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL,
        deleted_at   INTEGER,
        kicker       TEXT    NOT NULL DEFAULT '',
        standfirst   TEXT    NOT NULL DEFAULT '',
        byline       TEXT    NOT NULL DEFAULT '',
        byline_role  TEXT    NOT NULL DEFAULT '',
        tags         TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(tags)),
        slug         TEXT    NOT NULL DEFAULT '',
        slug_edited  INTEGER NOT NULL DEFAULT 0 CHECK (slug_edited IN (0, 1)),
        lead_image   TEXT    CHECK (lead_image IS NULL OR json_valid(lead_image)),
        body_text    TEXT    NOT NULL DEFAULT '',
        body_json    TEXT    NOT NULL
      ) STRICT;

      CREATE INDEX drafts_live_by_updated ON drafts (updated_at DESC) WHERE deleted_at IS NULL;
      CREATE INDEX drafts_trash_by_deleted ON drafts (deleted_at DESC) WHERE deleted_at IS NOT NULL;

      CREATE TABLE draft_revisions (
        draft_id   TEXT    NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
        revision   INTEGER NOT NULL,
        saved_at   INTEGER NOT NULL,
        reason     TEXT    NOT NULL CHECK (reason IN ('autosave', 'manual', 'restore')),
        word_count INTEGER NOT NULL,
        meta_json  TEXT    NOT NULL CHECK (json_valid(meta_json)),
        body_json  TEXT    NOT NULL,
        PRIMARY KEY (draft_id, revision)
      ) STRICT;

      CREATE VIRTUAL TABLE drafts_fts USING fts5 (
        headline, standfirst, byline, tags, body_text,
        content = 'drafts', content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2'
      );

      CREATE TRIGGER drafts_fts_after_insert AFTER INSERT ON drafts BEGIN
        INSERT INTO drafts_fts (rowid, headline, standfirst, byline, tags, body_text)
        VALUES (new.seq, new.headline, new.standfirst, new.byline, new.tags, new.body_text);
      END;

      CREATE TRIGGER drafts_fts_after_delete AFTER DELETE ON drafts BEGIN
        INSERT INTO drafts_fts (drafts_fts, rowid, headline, standfirst, byline, tags, body_text)
        VALUES ('delete', old.seq, old.headline, old.standfirst, old.byline, old.tags, old.body_text);
      END;

      -- Re-index only when searchable text changed: a trash/restore or a
      -- save that touched other fields leaves the index alone.
      CREATE TRIGGER drafts_fts_after_update AFTER UPDATE ON drafts
      WHEN old.headline IS NOT new.headline OR old.standfirst IS NOT new.standfirst
        OR old.byline IS NOT new.byline OR old.tags IS NOT new.tags OR old.body_text IS NOT new.body_text
      BEGIN
        INSERT INTO drafts_fts (drafts_fts, rowid, headline, standfirst, byline, tags, body_text)
        VALUES ('delete', old.seq, old.headline, old.standfirst, old.byline, old.tags, old.body_text);
        INSERT INTO drafts_fts (rowid, headline, standfirst, byline, tags, body_text)
        VALUES (new.seq, new.headline, new.standfirst, new.byline, new.tags, new.body_text);
      END;
    `);
  },
};
