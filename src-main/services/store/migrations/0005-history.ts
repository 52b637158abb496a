// Schema 5: workflow status, an append-only compact History, and the site's
// copy of each published article.
//
// - drafts.status widens from (draft, published, changed) to the whole
//   workflow; drafts.scheduled_at holds the embargo of a Scheduled draft.
// - draft_history replaces draft_revisions: one row per recorded version,
//   never updated or pruned, its text deflated (revisionStore.ts holds the
//   codec). The 200 newest rows per draft that draft_revisions kept are
//   carried over, oldest first, as "Edited" / "Saved version" / "Restored".
import { deflateRawSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import type { Migration } from './types';

const OLD_STATUS_CHECK =
  /CHECK\s*\(\s*status\s+IN\s*\(\s*'draft'\s*,\s*'published'\s*,\s*'changed'\s*\)\s*\)/;
const NEW_STATUS_CHECK =
  "CHECK (status IN ('draft', 'ready_for_edit', 'ready_to_publish', 'scheduled', 'published', 'changed'))";

const LEGACY_LABELS: Record<string, string> = {
  autosave: 'Edited',
  manual: 'Saved version',
  restore: 'Restored',
};

export const historyMigration: Migration = {
  version: 5,
  name: 'history',
  up(db) {
    widenStatusCheck(db);
    db.exec(`
      ALTER TABLE drafts ADD COLUMN scheduled_at INTEGER;

      -- One row per version, append-only. content is the version's text
      -- (meta JSON, newline, body envelope JSON) deflated; codec 'delta' means
      -- deflated with the previous row's text as the preset dictionary.
      -- image_refs lists the media hashes the version uses, so image clean-up
      -- can see them without inflating anything.
      CREATE TABLE draft_history (
        draft_id   TEXT    NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
        seq        INTEGER NOT NULL CHECK (seq > 0),
        revision   INTEGER NOT NULL,
        saved_at   INTEGER NOT NULL,
        kind       TEXT    NOT NULL CHECK (kind IN ('edited', 'status', 'before-publish', 'published',
                     'before-restore', 'restored', 'imported', 'conflict-kept', 'conflict-rejected', 'site-changes', 'legacy')),
        label      TEXT    NOT NULL CHECK (length(label) BETWEEN 1 AND 300),
        status     TEXT    NOT NULL,
        word_count INTEGER NOT NULL,
        size       INTEGER NOT NULL,
        codec      TEXT    NOT NULL CHECK (codec IN ('deflate', 'delta')),
        content    BLOB    NOT NULL,
        image_refs TEXT    NOT NULL DEFAULT '',
        PRIMARY KEY (draft_id, seq)
      ) STRICT;

      -- The site's own copy of a published article (WordPress: title, excerpt
      -- and content as stored), read right after Copydesk published it. Before
      -- an update, the live copy is compared with it to see whether someone
      -- changed the article on the site (publish/siteCompare.ts).
      CREATE TABLE site_copies (
        draft_id   TEXT    NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
        target_id  TEXT    NOT NULL,
        remote_id  TEXT    NOT NULL,
        title      TEXT    NOT NULL,
        excerpt    TEXT    NOT NULL,
        content    TEXT    NOT NULL,
        fetched_at INTEGER NOT NULL,
        PRIMARY KEY (draft_id, target_id)
      ) STRICT;
    `);
    copyLegacyRevisions(db);
    db.exec('DROP TABLE draft_revisions');
  },
};

/**
 * SQLite cannot ALTER a CHECK constraint. Widening one changes no stored
 * byte, so it is done the way sqlite.org/lang_altertable.html describes for
 * such changes: edit the table's SQL in sqlite_schema and bump
 * schema_version, inside the migration's transaction. better-sqlite3 opens
 * connections in defensive mode, which forbids this; it is lifted only here.
 */
function widenStatusCheck(db: Database.Database): void {
  const row = db
    .prepare<[], { sql: string }>(`SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'drafts'`)
    .get();
  if (!row || !OLD_STATUS_CHECK.test(row.sql)) {
    throw new Error('Schema 5: the drafts table does not have the expected status constraint.');
  }
  const version = db.pragma('schema_version', { simple: true }) as number;
  db.unsafeMode(true);
  try {
    db.pragma('writable_schema = ON');
    db.prepare(`UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'drafts'`).run(
      row.sql.replace(OLD_STATUS_CHECK, NEW_STATUS_CHECK),
    );
    // An integer read from SQLite, not user text.
    db.pragma(`schema_version = ${version + 1}`);
    db.pragma('writable_schema = OFF');
  } finally {
    db.unsafeMode(false);
  }
}

function copyLegacyRevisions(db: Database.Database): void {
  const rows = db
    .prepare<
      [],
      {
        draft_id: string;
        revision: number;
        saved_at: number;
        reason: string;
        word_count: number;
        meta_json: string;
        body_json: string;
        status: string;
      }
    >(
      `SELECT r.draft_id, r.revision, r.saved_at, r.reason, r.word_count, r.meta_json, r.body_json, d.status
       FROM draft_revisions AS r JOIN drafts AS d ON d.id = r.draft_id ORDER BY r.draft_id, r.revision`,
    )
    .iterate();
  const insert = db.prepare(
    `INSERT INTO draft_history (draft_id, seq, revision, saved_at, kind, label, status, word_count, size, codec,
       content, image_refs)
     VALUES (?, ?, ?, ?, 'legacy', ?, ?, ?, ?, 'deflate', ?, ?)`,
  );
  const pending: unknown[][] = [];
  let lastDraft = '';
  let seq = 0;
  for (const row of rows) {
    seq = row.draft_id === lastDraft ? seq + 1 : 1;
    lastDraft = row.draft_id;
    const text = `${row.meta_json}\n${row.body_json}`;
    const refs = [...new Set(text.match(/[0-9a-f]{64}/g) ?? [])].join(' ');
    pending.push([
      row.draft_id,
      seq,
      row.revision,
      row.saved_at,
      LEGACY_LABELS[row.reason] ?? 'Edited',
      row.status,
      row.word_count,
      Buffer.byteLength(text),
      deflateRawSync(text),
      refs,
    ]);
  }
  // Inserted after the read finished: better-sqlite3 forbids writing while iterating.
  for (const values of pending) insert.run(...values);
}
