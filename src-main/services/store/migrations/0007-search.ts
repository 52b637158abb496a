// Schema 7: search over every field an editor writes, images included, and
// keyset paging of the drafts list.
//
// drafts_fts indexes kicker, headline, standfirst, byline, tags, body text and
// "images" (every caption and credit: the lead image's, then the body
// figures' in document order). It is an external-content FTS5 table whose
// content is the view drafts_search, so the text is stored once (in drafts)
// and snippet() reads it back from there. The two derived fields the drafts
// table does not hold as plain text — tags as words, and image captions and
// credits out of lead_image and body_json — live in draft_search_text, one
// row per draft.
//
// Triggers on drafts keep both exact inside the statement that writes a
// draft, so every writer — save, trash, restore, purge, import, a History
// restore — updates the index in its own transaction without knowing about
// search. Versions 4 to 6 belong to other features; this file is version 7.
import type { Migration } from './types';

/** Tags as searchable words: the JSON array joined with commas. */
export const tagsText = (row: string): string =>
  `(SELECT coalesce(group_concat(value, ', '), '') FROM json_each(${row}.tags))`;

/**
 * Every caption and credit of a draft, one per line: the lead image's, then
 * each body figure's (any body node's "caption"/"credit" string, in document
 * order; src-shared/image.ts and ImageFigureNode's serialized form). The body
 * is only walked when it holds a caption key at all.
 */
export const imagesText = (row: string): string => `trim(
    CASE WHEN ${row}.lead_image IS NULL THEN '' ELSE
      coalesce(json_extract(${row}.lead_image, '$.caption'), '') || char(10) ||
      coalesce(json_extract(${row}.lead_image, '$.credit'), '') END
    || char(10) ||
    CASE WHEN instr(${row}.body_json, '"caption"') = 0 THEN '' ELSE coalesce((
      SELECT group_concat(value, char(10)) FROM json_tree(${row}.body_json, '$.editorState.root')
      WHERE key IN ('caption', 'credit') AND type = 'text' AND value <> ''), '') END,
    char(10))`;

/** When an UPDATE of drafts changed any text the search indexes (the WHEN of the update triggers). */
export const SEARCHABLE_CHANGED = `old.kicker IS NOT new.kicker OR old.headline IS NOT new.headline
        OR old.standfirst IS NOT new.standfirst OR old.byline IS NOT new.byline OR old.tags IS NOT new.tags
        OR old.body_text IS NOT new.body_text OR old.lead_image IS NOT new.lead_image
        OR old.body_json IS NOT new.body_json`;

export const FTS_COLUMNS = 'kicker, headline, standfirst, byline, tags, body_text, images';

/** drafts_fts's tokenizer; the search's marks (drafts/draftSearch.ts) tokenize a page's text with it too. */
export const FTS_TOKENIZE = 'unicode61 remove_diacritics 2';

export const searchMigration: Migration = {
  version: 7,
  name: 'search',
  up(db) {
    db.exec(`
      DROP TRIGGER IF EXISTS drafts_fts_after_insert;
      DROP TRIGGER IF EXISTS drafts_fts_after_delete;
      DROP TRIGGER IF EXISTS drafts_fts_after_update;
      DROP TABLE IF EXISTS drafts_fts;

      CREATE TABLE draft_search_text (
        seq    INTEGER PRIMARY KEY,
        tags   TEXT    NOT NULL,
        images TEXT    NOT NULL
      ) STRICT;

      CREATE VIEW drafts_search AS
        SELECT d.seq AS seq, d.kicker AS kicker, d.headline AS headline, d.standfirst AS standfirst,
               d.byline AS byline, s.tags AS tags, d.body_text AS body_text, s.images AS images
        FROM drafts AS d JOIN draft_search_text AS s ON s.seq = d.seq;

      CREATE VIRTUAL TABLE drafts_fts USING fts5 (
        ${FTS_COLUMNS},
        content = 'drafts_search', content_rowid = 'seq',
        tokenize = '${FTS_TOKENIZE}',
        prefix = '2 3 4'
      );

      INSERT INTO draft_search_text (seq, tags, images)
        SELECT d.seq, ${tagsText('d')}, ${imagesText('d')} FROM drafts AS d;
      INSERT INTO drafts_fts (drafts_fts) VALUES ('rebuild');

      CREATE TRIGGER drafts_search_after_insert AFTER INSERT ON drafts BEGIN
        INSERT INTO draft_search_text (seq, tags, images) VALUES (new.seq, ${tagsText('new')}, ${imagesText('new')});
        INSERT INTO drafts_fts (rowid, ${FTS_COLUMNS})
          SELECT seq, ${FTS_COLUMNS} FROM drafts_search WHERE seq = new.seq;
      END;

      CREATE TRIGGER drafts_search_after_delete AFTER DELETE ON drafts BEGIN
        INSERT INTO drafts_fts (drafts_fts, rowid, ${FTS_COLUMNS})
          SELECT 'delete', old.seq, old.kicker, old.headline, old.standfirst, old.byline, s.tags, old.body_text, s.images
          FROM draft_search_text AS s WHERE s.seq = old.seq;
        DELETE FROM draft_search_text WHERE seq = old.seq;
      END;

      -- Re-index only when searchable text changed: trash, restore, a status
      -- change or a save that touched other fields leave the index alone.
      CREATE TRIGGER drafts_search_after_update AFTER UPDATE ON drafts
      WHEN ${SEARCHABLE_CHANGED}
      BEGIN
        INSERT INTO drafts_fts (drafts_fts, rowid, ${FTS_COLUMNS})
          SELECT 'delete', old.seq, old.kicker, old.headline, old.standfirst, old.byline, s.tags, old.body_text, s.images
          FROM draft_search_text AS s WHERE s.seq = old.seq;
        UPDATE draft_search_text SET tags = ${tagsText('new')}, images = ${imagesText('new')} WHERE seq = new.seq;
        INSERT INTO drafts_fts (rowid, ${FTS_COLUMNS})
          SELECT seq, ${FTS_COLUMNS} FROM drafts_search WHERE seq = new.seq;
      END;

      -- A search checks each hit against the filters and sort keys here, a few
      -- dozen bytes a draft, instead of in the wide drafts rows.
      CREATE INDEX drafts_search_cover ON drafts (seq, deleted_at, updated_at, id, status, article_type, kicker);

      -- Keyset paging: (updated_at, id) and (deleted_at, id) in list order.
      DROP INDEX IF EXISTS drafts_live_by_updated;
      DROP INDEX IF EXISTS drafts_trash_by_deleted;
      CREATE INDEX drafts_live_by_updated ON drafts (updated_at DESC, id DESC) WHERE deleted_at IS NULL;
      CREATE INDEX drafts_trash_by_deleted ON drafts (deleted_at DESC, id DESC) WHERE deleted_at IS NOT NULL;
    `);
  },
};
