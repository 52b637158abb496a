// Schema 4: publishing that never sends the wrong text to the wrong place.
// - publish_jobs gains the state 'cancelled' (a CHECK cannot be altered in
//   SQLite, so the table is rebuilt with its rows) and `retry_since`: when the
//   job's current run of retryable failures began (the outbox gives up after
//   24 hours of them).
// - publications gains `target_fingerprint`: a hash of the target's kind and
//   address when the draft was published there. A target whose site or
//   endpoint changed no longer matches, so the next publish creates instead of
//   updating an unrelated item on the new site. NULL for rows written before.
import type { Migration } from './types';

export const publishTrustMigration: Migration = {
  version: 4,
  name: 'publish-trust',
  up(db) {
    db.exec(`
      CREATE TABLE publish_jobs_v4 (
        id              TEXT    PRIMARY KEY,
        draft_id        TEXT    NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
        target_id       TEXT    NOT NULL,
        revision        INTEGER NOT NULL,
        snapshot_json   TEXT    NOT NULL CHECK (json_valid(snapshot_json)),
        idempotency_key TEXT    NOT NULL UNIQUE,
        state           TEXT    NOT NULL DEFAULT 'queued'
                        CHECK (state IN ('queued', 'sending', 'retrying', 'failed', 'published', 'cancelled')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error      TEXT,
        progress_json   TEXT    NOT NULL DEFAULT '{"media":{}}' CHECK (json_valid(progress_json)),
        remote_id       TEXT,
        url             TEXT,
        created_at      INTEGER NOT NULL,
        updated_at      INTEGER NOT NULL,
        retry_since     INTEGER
      ) STRICT;
      INSERT INTO publish_jobs_v4 (id, draft_id, target_id, revision, snapshot_json, idempotency_key, state,
          attempts, next_attempt_at, last_error, progress_json, remote_id, url, created_at, updated_at)
        SELECT id, draft_id, target_id, revision, snapshot_json, idempotency_key, state,
          attempts, next_attempt_at, last_error, progress_json, remote_id, url, created_at, updated_at
        FROM publish_jobs;
      DROP TABLE publish_jobs;
      ALTER TABLE publish_jobs_v4 RENAME TO publish_jobs;
      CREATE INDEX publish_jobs_pending ON publish_jobs (next_attempt_at)
        WHERE state IN ('queued', 'sending', 'retrying');
      CREATE INDEX publish_jobs_by_draft ON publish_jobs (draft_id, created_at DESC);

      ALTER TABLE publications ADD COLUMN target_fingerprint TEXT;
    `);
  },
};
