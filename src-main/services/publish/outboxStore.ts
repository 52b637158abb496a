// The outbox's rows: every SQL statement over publish_jobs and publications,
// prepared once and typed. No timers, no adapters, no listeners: the worker
// (outboxWorker.ts) and the facade (outbox.ts) decide, this file reads and
// writes. Each method is one statement unless its name says otherwise.
import type Database from 'better-sqlite3';
import type { JobState } from '../../../src-shared/ipc/publishVocabulary';
import type { JobProgress } from './types';

/** A publish_jobs row as stored. */
export interface JobRow {
  id: string;
  draft_id: string;
  target_id: string;
  revision: number;
  snapshot_json: string;
  idempotency_key: string;
  state: JobState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  progress_json: string;
  remote_id: string | null;
  url: string | null;
  created_at: number;
  updated_at: number;
  retry_since: number | null;
}

/** A job row with what the list shows beside it (target name, headline, schedule from the snapshot). */
export type JobListRow = JobRow & {
  target_name: string | null;
  headline: string | null;
  scheduled_at: number | null;
};

export interface PublicationRow {
  draft_id: string;
  target_id: string;
  remote_id: string;
  url: string;
  revision: number;
  published_at: number;
}

/** Identifies a job among the jobs of its draft on its target (they run oldest first). */
type JobOrder = Pick<JobRow, 'draft_id' | 'target_id' | 'created_at' | 'id'>;

export interface OutboxStore {
  /** False once the database was closed (shut down, or a killed process in tests). */
  isOpen(): boolean;
  /** Runs `fn` in one SQLite transaction. */
  transaction<T>(fn: () => T): T;

  getJob(id: string): JobListRow | undefined;
  /** The latest 500 jobs, of one draft or of all. */
  listJobs(draftId?: string): JobListRow[];
  rawJob(id: string): JobRow | undefined;
  /** The latest queued, retrying or failed job of this draft on this target. */
  reusableJob(draftId: string, targetId: string): JobRow | undefined;
  insertJob(job: {
    id: string;
    draftId: string;
    targetId: string;
    revision: number;
    snapshotJson: string;
    idempotencyKey: string;
    now: number;
  }): void;
  /** Gives a job that never reached its target a newer snapshot and key, queued afresh. */
  refreshJob(job: { id: string; revision: number; snapshotJson: string; key: string; now: number }): void;
  /** An earlier job that may have reached the site runs now, with its own snapshot, before the newer one. */
  resolveFirst(id: string, now: number): void;
  /** An older job of the same draft and target that stopped after a create went out unconfirmed. */
  unresolvedOlder(job: JobOrder): { id: string; last_error: string | null } | undefined;
  /** Queued or retrying jobs due at `now`, oldest first. */
  dueJobs(now: number): JobRow[];
  /** Every queued or retrying job's target and next attempt time. */
  pendingJobs(): { target_id: string; next_attempt_at: number }[];
  /** How many jobs are queued, sending or retrying. */
  unfinishedCount(): number;
  /** True when an older job of the same draft and target is still queued, sending or retrying. */
  hasOlderUnfinished(job: JobOrder): boolean;
  /** Jobs a crash left 'sending' become 'retrying', due now. */
  recoverSending(now: number): void;
  /** Claims a queued or retrying job; false when it was not in such a state any more. */
  markSending(id: string, now: number): boolean;
  saveProgress(id: string, progress: JobProgress, now: number): void;
  /** In one transaction: the job published, the draft's publication recorded, the draft's status set. */
  recordPublished(done: {
    id: string;
    draftId: string;
    targetId: string;
    remoteId: string;
    url: string;
    note: string | null;
    revision: number;
    fingerprint: string;
    now: number;
  }): void;
  markRetrying(id: string, nextAttemptAt: number, message: string, now: number): void;
  markFailed(id: string, message: string, now: number): void;
  /** Cancels a queued, retrying or failed job. */
  cancel(id: string, reason: string, now: number): void;
  /** A retrying, failed or queued job becomes queued, due now (a failed one starts a new 24-hour window). */
  retryNow(id: string, now: number): void;
  publication(
    draftId: string,
    targetId: string,
  ): { remote_id: string; url: string; target_fingerprint: string | null } | undefined;
  /** Idempotency keys of the published jobs that sent this draft to this remote item (the latest 50). */
  publishedKeys(draftId: string, targetId: string, remoteId: string): string[];
  publications(draftId: string): PublicationRow[];
}

export function createOutboxStore(db: Database.Database): OutboxStore {
  const listSql = `SELECT j.*, t.name AS target_name,
      json_extract(j.snapshot_json, '$.meta.headline') AS headline,
      json_extract(j.snapshot_json, '$.scheduledAt') AS scheduled_at
    FROM publish_jobs j LEFT JOIN publish_targets t ON t.id = j.target_id`;
  const statements = {
    get: db.prepare<[string], JobListRow>(`${listSql} WHERE j.id = ?`),
    listAll: db.prepare<[], JobListRow>(`${listSql} ORDER BY j.created_at DESC, j.id LIMIT 500`),
    listDraft: db.prepare<[string], JobListRow>(
      `${listSql} WHERE j.draft_id = ? ORDER BY j.created_at DESC, j.id LIMIT 500`,
    ),
    raw: db.prepare<[string], JobRow>(`SELECT * FROM publish_jobs WHERE id = ?`),
    reusable: db.prepare<[string, string], JobRow>(
      `SELECT * FROM publish_jobs WHERE draft_id = ? AND target_id = ? AND state IN ('queued', 'retrying', 'failed')
       ORDER BY created_at DESC LIMIT 1`,
    ),
    insert: db.prepare<
      [
        {
          id: string;
          draft_id: string;
          target_id: string;
          revision: number;
          snapshot_json: string;
          idempotency_key: string;
          now: number;
        },
      ]
    >(
      `INSERT INTO publish_jobs (id, draft_id, target_id, revision, snapshot_json, idempotency_key, state, attempts,
         next_attempt_at, created_at, updated_at)
       VALUES (@id, @draft_id, @target_id, @revision, @snapshot_json, @idempotency_key, 'queued', 0, @now, @now, @now)`,
    ),
    refresh: db.prepare<[{ id: string; revision: number; snapshot_json: string; key: string; now: number }]>(
      `UPDATE publish_jobs SET revision = @revision, snapshot_json = @snapshot_json, idempotency_key = @key,
         progress_json = '{"media":{}}', state = 'queued', attempts = 0, next_attempt_at = @now, last_error = NULL,
         retry_since = NULL, updated_at = @now WHERE id = @id`,
    ),
    resolveFirst: db.prepare<[{ now: number; id: string }]>(
      `UPDATE publish_jobs SET state = 'queued', next_attempt_at = @now, updated_at = @now,
         retry_since = CASE WHEN state = 'failed' THEN NULL ELSE retry_since END
       WHERE id = @id AND state IN ('queued', 'retrying', 'failed')`,
    ),
    unresolvedOlder: db.prepare<[JobOrder], { id: string; last_error: string | null }>(
      `SELECT id, last_error FROM publish_jobs WHERE draft_id = @draft_id AND target_id = @target_id
         AND state = 'failed' AND json_extract(progress_json, '$.sent.post') IS NOT NULL
         AND json_extract(progress_json, '$.post') IS NULL
         AND (created_at < @created_at OR (created_at = @created_at AND id < @id)) LIMIT 1`,
    ),
    due: db.prepare<[number], JobRow>(
      `SELECT * FROM publish_jobs WHERE state IN ('queued', 'retrying') AND next_attempt_at <= ?
       ORDER BY created_at, id`,
    ),
    pending: db.prepare<[], { target_id: string; next_attempt_at: number }>(
      `SELECT target_id, next_attempt_at FROM publish_jobs WHERE state IN ('queued', 'retrying')`,
    ),
    unfinishedCount: db.prepare<[], { n: number }>(
      `SELECT count(*) AS n FROM publish_jobs WHERE state IN ('queued', 'sending', 'retrying')`,
    ),
    olderUnfinished: db.prepare<[JobOrder], { id: string }>(
      `SELECT id FROM publish_jobs WHERE draft_id = @draft_id AND target_id = @target_id
         AND state IN ('queued', 'sending', 'retrying')
         AND (created_at < @created_at OR (created_at = @created_at AND id < @id)) LIMIT 1`,
    ),
    recoverSending: db.prepare<[{ now: number }]>(
      `UPDATE publish_jobs SET state = 'retrying', next_attempt_at = @now, updated_at = @now,
         last_error = coalesce(last_error, 'Copydesk was closed while sending; it continues where it stopped.')
       WHERE state = 'sending'`,
    ),
    markSending: db.prepare<[number, string]>(
      `UPDATE publish_jobs SET state = 'sending', attempts = attempts + 1, updated_at = ?
       WHERE id = ? AND state IN ('queued', 'retrying')`,
    ),
    progress: db.prepare<[string, number, string]>(
      `UPDATE publish_jobs SET progress_json = ?, updated_at = ? WHERE id = ?`,
    ),
    published: db.prepare<[{ id: string; remote_id: string; url: string; note: string | null; now: number }]>(
      `UPDATE publish_jobs SET state = 'published', remote_id = @remote_id, url = @url, last_error = @note,
         updated_at = @now WHERE id = @id`,
    ),
    upsertPublication: db.prepare<
      [
        {
          draft_id: string;
          target_id: string;
          remote_id: string;
          url: string;
          revision: number;
          now: number;
          fingerprint: string;
        },
      ]
    >(
      `INSERT INTO publications (draft_id, target_id, remote_id, url, revision, published_at, target_fingerprint)
       VALUES (@draft_id, @target_id, @remote_id, @url, @revision, @now, @fingerprint)
       ON CONFLICT (draft_id, target_id) DO UPDATE SET remote_id = excluded.remote_id, url = excluded.url,
         revision = excluded.revision, published_at = excluded.published_at,
         target_fingerprint = excluded.target_fingerprint`,
    ),
    draftStatus: db.prepare<[number, string]>(
      `UPDATE drafts SET status = CASE WHEN revision = ? THEN 'published' ELSE 'changed' END WHERE id = ?`,
    ),
    retrying: db.prepare<[number, string, number, number, string]>(
      `UPDATE publish_jobs SET state = 'retrying', next_attempt_at = ?, last_error = ?, updated_at = ?,
         retry_since = coalesce(retry_since, ?) WHERE id = ?`,
    ),
    cancel: db.prepare<[{ now: number; id: string; reason: string }]>(
      `UPDATE publish_jobs SET state = 'cancelled', last_error = @reason, updated_at = @now
       WHERE id = @id AND state IN ('queued', 'retrying', 'failed')`,
    ),
    failed: db.prepare<[string, number, string]>(
      `UPDATE publish_jobs SET state = 'failed', last_error = ?, updated_at = ? WHERE id = ?`,
    ),
    retryNow: db.prepare<[{ now: number; id: string }]>(
      `UPDATE publish_jobs SET state = 'queued', next_attempt_at = @now, updated_at = @now,
         retry_since = CASE WHEN state = 'failed' THEN NULL ELSE retry_since END
       WHERE id = @id AND state IN ('retrying', 'failed', 'queued')`,
    ),
    publication: db.prepare<
      [string, string],
      { remote_id: string; url: string; target_fingerprint: string | null }
    >(`SELECT remote_id, url, target_fingerprint FROM publications WHERE draft_id = ? AND target_id = ?`),
    publishedKeys: db.prepare<[string, string, string], { idempotency_key: string }>(
      `SELECT idempotency_key FROM publish_jobs WHERE draft_id = ? AND target_id = ? AND remote_id = ?
         AND state = 'published' ORDER BY created_at DESC LIMIT 50`,
    ),
    publications: db.prepare<[string], PublicationRow>(
      `SELECT * FROM publications WHERE draft_id = ? ORDER BY published_at DESC`,
    ),
  };

  const order = ({ draft_id, target_id, created_at, id }: JobOrder): JobOrder => ({
    draft_id,
    target_id,
    created_at,
    id,
  });

  const recordPublished = db.transaction((done: Parameters<OutboxStore['recordPublished']>[0]) => {
    statements.published.run({
      id: done.id,
      remote_id: done.remoteId,
      url: done.url,
      note: done.note,
      now: done.now,
    });
    statements.upsertPublication.run({
      draft_id: done.draftId,
      target_id: done.targetId,
      remote_id: done.remoteId,
      url: done.url,
      revision: done.revision,
      now: done.now,
      fingerprint: done.fingerprint,
    });
    statements.draftStatus.run(done.revision, done.draftId);
  });

  return {
    isOpen: () => db.open,
    transaction: (fn) => db.transaction(fn)(),
    getJob: (id) => statements.get.get(id),
    listJobs: (draftId) =>
      draftId === undefined ? statements.listAll.all() : statements.listDraft.all(draftId),
    rawJob: (id) => statements.raw.get(id),
    reusableJob: (draftId, targetId) => statements.reusable.get(draftId, targetId),
    insertJob: (job) =>
      void statements.insert.run({
        id: job.id,
        draft_id: job.draftId,
        target_id: job.targetId,
        revision: job.revision,
        snapshot_json: job.snapshotJson,
        idempotency_key: job.idempotencyKey,
        now: job.now,
      }),
    refreshJob: (job) =>
      void statements.refresh.run({
        id: job.id,
        revision: job.revision,
        snapshot_json: job.snapshotJson,
        key: job.key,
        now: job.now,
      }),
    resolveFirst: (id, now) => void statements.resolveFirst.run({ id, now }),
    unresolvedOlder: (job) => statements.unresolvedOlder.get(order(job)),
    dueJobs: (now) => statements.due.all(now),
    pendingJobs: () => statements.pending.all(),
    unfinishedCount: () => statements.unfinishedCount.get()?.n ?? 0,
    hasOlderUnfinished: (job) => statements.olderUnfinished.get(order(job)) !== undefined,
    recoverSending: (now) => void statements.recoverSending.run({ now }),
    markSending: (id, now) => statements.markSending.run(now, id).changes > 0,
    saveProgress: (id, progress, now) => void statements.progress.run(JSON.stringify(progress), now, id),
    recordPublished: (done) => recordPublished(done),
    markRetrying: (id, nextAttemptAt, message, now) =>
      void statements.retrying.run(nextAttemptAt, message, now, now, id),
    markFailed: (id, message, now) => void statements.failed.run(message, now, id),
    cancel: (id, reason, now) => void statements.cancel.run({ id, now, reason }),
    retryNow: (id, now) => void statements.retryNow.run({ id, now }),
    publication: (draftId, targetId) => statements.publication.get(draftId, targetId),
    publishedKeys: (draftId, targetId, remoteId) =>
      statements.publishedKeys.all(draftId, targetId, remoteId).map((row) => row.idempotency_key),
    publications: (draftId) => statements.publications.all(draftId),
  };
}

/** A job's recorded progress; an unreadable one counts as none. */
export function parseProgress(json: string): JobProgress {
  try {
    const value = JSON.parse(json) as Partial<JobProgress>;
    return { ...value, media: value.media ?? {} };
  } catch {
    return { media: {} };
  }
}

/** True when a job sent anything to its target (a request went out, or something was stored there). */
export function reachedRemote(progress: JobProgress): boolean {
  return (
    progress.post !== undefined ||
    Object.keys(progress.media).length > 0 ||
    Object.keys(progress.sent ?? {}).length > 0
  );
}
