// Schema 3: publish targets, the outbox of publish jobs, and what each draft
// became on each target. Secrets are NOT here (see publish/types.ts SecretStore).
import type { Migration } from './types';

export const publishingMigration: Migration = {
  version: 3,
  name: 'publishing',
  up(db) {
    db.exec(`
      CREATE TABLE publish_targets (
        id          TEXT    PRIMARY KEY CHECK (length(id) BETWEEN 8 AND 64),
        kind        TEXT    NOT NULL CHECK (kind IN ('local-folder', 'http-json', 'wordpress')),
        name        TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        config_json TEXT    NOT NULL CHECK (json_valid(config_json)),
        is_default  INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
        created_at  INTEGER NOT NULL,
        updated_at  INTEGER NOT NULL
      ) STRICT;
      -- At most one default target.
      CREATE UNIQUE INDEX publish_targets_one_default ON publish_targets (is_default) WHERE is_default = 1;

      -- One row per publish click. The snapshot is the frozen article the job
      -- sends; it is written in the same transaction as the job row.
      -- progress_json holds remote ids of every finished remote step, so a
      -- resumed job continues instead of starting over.
      CREATE TABLE publish_jobs (
        id              TEXT    PRIMARY KEY,
        draft_id        TEXT    NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
        target_id       TEXT    NOT NULL,
        revision        INTEGER NOT NULL,
        snapshot_json   TEXT    NOT NULL CHECK (json_valid(snapshot_json)),
        idempotency_key TEXT    NOT NULL UNIQUE,
        state           TEXT    NOT NULL DEFAULT 'queued'
                        CHECK (state IN ('queued', 'sending', 'retrying', 'failed', 'published')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error      TEXT,
        progress_json   TEXT    NOT NULL DEFAULT '{"media":{}}' CHECK (json_valid(progress_json)),
        remote_id       TEXT,
        url             TEXT,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX publish_jobs_pending ON publish_jobs (next_attempt_at)
        WHERE state IN ('queued', 'sending', 'retrying');
      CREATE INDEX publish_jobs_by_draft ON publish_jobs (draft_id, created_at DESC);

      -- The remote item a draft became on a target; the next publish updates it.
      CREATE TABLE publications (
        draft_id     TEXT    NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
        target_id    TEXT    NOT NULL,
        remote_id    TEXT    NOT NULL,
        url          TEXT    NOT NULL,
        revision     INTEGER NOT NULL,
        published_at INTEGER NOT NULL,
        PRIMARY KEY (draft_id, target_id)
      ) STRICT;

      CREATE TABLE publish_settings (
        key        TEXT PRIMARY KEY,
        value_json TEXT NOT NULL CHECK (json_valid(value_json))
      ) STRICT;

      -- A save after a publish makes the draft "Changed since publish",
      -- whoever writes the row (autosave, manual save, restore from History).
      CREATE TRIGGER drafts_changed_since_publish AFTER UPDATE OF revision ON drafts
      WHEN old.status = 'published' AND new.revision > old.revision
      BEGIN
        UPDATE drafts SET status = 'changed' WHERE id = new.id;
      END;
    `);
  },
};
