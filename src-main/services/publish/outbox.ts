// The durable outbox: every publish is a row in publish_jobs, created in the
// same transaction as the snapshot it sends, and a worker in the services
// sends it. Guarantees:
// - one job at a time per target; jobs of one draft on one target run in order;
// - retryable failures wait (backoff with full jitter, Retry-After honoured)
//   and try again by themselves; permanent ones wait for "Retry now";
// - a job left 'sending' by a crash resumes from its recorded progress with the
//   same idempotency key, so it never creates a second post;
// - one idempotency key = one snapshot: a job that may have reached the site is
//   never given newer text; the newer publish is its own job, runs after it
//   and updates what it created (docs/publishing.md, "Lost replies");
// - remote ids are used only on the target address they were recorded for
//   (fingerprint.ts);
// - a queued or retrying job can be cancelled; a trashed draft never goes out;
//   retryable failures give up after 24 hours as Failed.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Draft } from '../../../src-shared/article';
import { AppFailure } from '../../../src-shared/ipc';
import { DEFAULT_BACKOFF, retryDelayMs, type BackoffPolicy } from './backoff';
import { PublishError } from './errors';
import { targetFingerprint } from './fingerprint';
import { hasControlCharacter, redactSecret } from './secretHygiene';
import { loadSnapshot, StoredSnapshotSchema, type StoredSnapshot } from './snapshot';
import type { TargetRepository } from './targetRepository';
import type {
  AdapterContext,
  JobProgress,
  PreviousPublication,
  PublishAdapter,
  SecretStore,
  StepReport,
  TargetKind,
} from './types';

export const JOB_STATES = ['queued', 'sending', 'retrying', 'failed', 'published', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];
export const JOB_STATE_LABELS: Record<JobState, string> = {
  queued: 'Queued',
  sending: 'Sending',
  retrying: 'Retrying',
  failed: 'Failed',
  published: 'Published',
  cancelled: 'Cancelled',
};

/** Retryable failures stop after this long (counted from the first failure of the run) as Failed. */
export const GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000;

export interface JobView {
  id: string;
  draftId: string;
  targetId: string;
  targetName: string;
  headline: string;
  revision: number;
  state: JobState;
  attempts: number;
  /** Epoch ms of the next automatic attempt (meaningful while queued/retrying). */
  nextAttemptAt: number;
  lastError: string | null;
  /** The step being sent right now ("Uploading image 2 of 5"), while sending. */
  step: StepReport | null;
  remoteId: string | null;
  url: string | null;
  scheduledAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface PublicationView {
  draftId: string;
  targetId: string;
  remoteId: string;
  url: string;
  revision: number;
  publishedAt: number;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type PublishAdapters = ReadonlyMap<TargetKind, PublishAdapter>;

export interface OutboxOptions {
  db: Database.Database;
  targets: TargetRepository;
  adapters: PublishAdapters;
  secrets: SecretStore;
  drafts: { get(id: string): Draft };
  readImage(hash: string): Promise<Buffer>;
  now(): number;
  fetch?: typeof fetch;
  timers?: Timers;
  random?: () => number;
  backoff?: Partial<BackoffPolicy>;
  /** An attempt that takes longer than this is aborted and retried (default 10 minutes). */
  attemptTimeoutMs?: number;
  /** How credits read in published captions ("Photo: {credit}"). */
  creditFormat?: () => string;
  log?: { error(message: string, error: unknown): void };
}

export interface EnqueueInput {
  draftId: string;
  targetId: string;
  scheduledAt?: number | null;
}

export interface Outbox {
  /** Resumes jobs a crash left 'sending' and starts sending due jobs. */
  start(): void;
  /** Snapshots the draft and creates (or refreshes) its job in one transaction. */
  enqueue(input: EnqueueInput): JobView;
  /** Sends a retrying or failed job now. */
  retryNow(jobId: string): JobView;
  /** Cancels a queued, retrying or failed job: it is never sent again. */
  cancel(jobId: string): JobView;
  get(jobId: string): JobView;
  list(options?: { draftId?: string }): JobView[];
  publications(draftId: string): PublicationView[];
  /** Called after every state change of any job. Returns an unsubscribe function. */
  subscribe(listener: (job: JobView) => void): () => void;
  /** Resolves once no job is queued, sending or retrying. */
  settled(): Promise<void>;
  /** Stops the worker: aborts the attempts in flight and waits for them to record their state. */
  stop(): Promise<void>;
}

interface JobRow {
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

type JobListRow = JobRow & {
  target_name: string | null;
  headline: string | null;
  scheduled_at: number | null;
};

export function createOutbox(options: OutboxOptions): Outbox {
  const { db, targets, adapters, secrets, now } = options;
  const timers = options.timers ?? realTimers;
  const random = options.random ?? Math.random;
  const fetchFn = options.fetch ?? fetch;
  const backoff: BackoffPolicy = { ...DEFAULT_BACKOFF, ...options.backoff };
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 10 * 60_000;
  const log = options.log ?? console;

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
    insert: db.prepare(
      `INSERT INTO publish_jobs (id, draft_id, target_id, revision, snapshot_json, idempotency_key, state, attempts,
         next_attempt_at, created_at, updated_at)
       VALUES (@id, @draft_id, @target_id, @revision, @snapshot_json, @idempotency_key, 'queued', 0, @now, @now, @now)`,
    ),
    refresh: db.prepare(
      `UPDATE publish_jobs SET revision = @revision, snapshot_json = @snapshot_json, idempotency_key = @key,
         progress_json = '{"media":{}}', state = 'queued', attempts = 0, next_attempt_at = @now, last_error = NULL,
         retry_since = NULL, updated_at = @now WHERE id = @id`,
    ),
    /** An earlier job that may have reached the site runs now, with its own snapshot, before the newer one. */
    resolveFirst: db.prepare<[{ now: number; id: string }]>(
      `UPDATE publish_jobs SET state = 'queued', next_attempt_at = @now, updated_at = @now,
         retry_since = CASE WHEN state = 'failed' THEN NULL ELSE retry_since END
       WHERE id = @id AND state IN ('queued', 'retrying', 'failed')`,
    ),
    /** An older job of the same draft and target that stopped after a create went out unconfirmed. */
    unresolvedOlder: db.prepare<
      [{ draft_id: string; target_id: string; created_at: number; id: string }],
      { id: string; last_error: string | null }
    >(
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
    olderUnfinished: db.prepare<
      [{ draft_id: string; target_id: string; created_at: number; id: string }],
      { id: string }
    >(
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
    published: db.prepare(
      `UPDATE publish_jobs SET state = 'published', remote_id = @remote_id, url = @url, last_error = @note,
         updated_at = @now WHERE id = @id`,
    ),
    upsertPublication: db.prepare(
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
    publications: db.prepare<
      [string],
      {
        draft_id: string;
        target_id: string;
        remote_id: string;
        url: string;
        revision: number;
        published_at: number;
      }
    >(`SELECT * FROM publications WHERE draft_id = ? ORDER BY published_at DESC`),
  };

  const steps = new Map<string, StepReport>();
  const running = new Map<string, Promise<void>>();
  const controllers = new Set<AbortController>();
  const listeners = new Set<(job: JobView) => void>();
  let timer: unknown = null;
  let started = false;
  let stopped = false;

  const toView = (row: JobListRow): JobView => ({
    id: row.id,
    draftId: row.draft_id,
    targetId: row.target_id,
    targetName: row.target_name ?? 'Removed target',
    headline: row.headline ?? '',
    revision: row.revision,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    step: row.state === 'sending' ? (steps.get(row.id) ?? null) : null,
    remoteId: row.remote_id,
    url: row.url,
    scheduledAt: row.scheduled_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });

  const get = (jobId: string): JobView => {
    const row = statements.get.get(jobId);
    if (!row) throw new AppFailure('not_found', 'That publish job no longer exists.');
    return toView(row);
  };

  const notify = (jobId: string): void => {
    if (listeners.size === 0 || !db.open) return;
    const row = statements.get.get(jobId);
    if (!row) return;
    const view = toView(row);
    for (const listener of listeners) {
      try {
        listener(view);
      } catch (error) {
        log.error('An outbox listener failed', error);
      }
    }
  };

  const usable = (): boolean => !stopped && db.open;

  const schedule = (): void => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    if (!usable()) return;
    // Jobs of a target that is busy wait for it; its end pumps again.
    let next = Infinity;
    for (const job of statements.pending.all()) {
      if (!running.has(job.target_id)) next = Math.min(next, job.next_attempt_at);
    }
    if (next === Infinity) return;
    timer = timers.setTimeout(
      () => {
        timer = null;
        pump();
      },
      Math.max(0, next - now()),
    );
  };

  const pump = (): void => {
    if (!usable() || !started) return;
    try {
      for (const job of statements.due.all(now())) {
        if (running.has(job.target_id)) continue;
        const { draft_id, target_id, created_at, id } = job;
        if (statements.olderUnfinished.get({ draft_id, target_id, created_at, id })) continue;
        const run = runJob(job)
          .catch((error: unknown) => {
            if (usable()) log.error(`Publish job ${job.id} failed unexpectedly`, error);
          })
          .finally(() => {
            running.delete(job.target_id);
            pump();
          });
        running.set(job.target_id, run);
      }
      schedule();
    } catch (error) {
      if (usable()) log.error('The outbox could not read its jobs', error);
    }
  };

  const fail = (job: JobRow, message: string): void => {
    statements.failed.run(message, now(), job.id);
    notify(job.id);
  };

  const trashed = (draftId: string): boolean => {
    try {
      return options.drafts.get(draftId).deletedAt !== null;
    } catch {
      return true;
    }
  };

  async function runJob(job: JobRow): Promise<void> {
    if (trashed(job.draft_id)) {
      statements.cancel.run({
        id: job.id,
        now: now(),
        reason: 'The draft was moved to the Trash, so Copydesk did not publish it.',
      });
      notify(job.id);
      return;
    }
    const { draft_id, target_id, created_at, id } = job;
    const unresolved = statements.unresolvedOlder.get({ draft_id, target_id, created_at, id });
    if (unresolved) {
      fail(
        job,
        'An earlier publish of this article to this target stopped before the site confirmed it' +
          (unresolved.last_error ? ` (${unresolved.last_error.replace(/\.$/, '')})` : '') +
          '. Click "Retry now" on that one first, so the site does not get a second copy, or cancel it; then retry this one.',
      );
      return;
    }
    const target = targets.find(job.target_id);
    if (!target) {
      fail(job, 'The publish target of this job was removed. Publish the article again and choose a target.');
      return;
    }
    const adapter = adapters.get(target.kind);
    if (!adapter) {
      fail(job, `This version of Copydesk cannot publish to ${target.kind} targets.`);
      return;
    }
    const config = adapter.configSchema.safeParse(target.config);
    if (!config.success) {
      fail(
        job,
        `The settings of the target "${target.name}" are incomplete or invalid. Open "Publish targets", fix them, then click "Retry now".`,
      );
      return;
    }
    const secret = adapter.needsSecret ? (secrets.get(target.id)?.trim() ?? null) : null;
    if (secret && hasControlCharacter(secret)) {
      fail(
        job,
        `The password or token stored for the target "${target.name}" contains an invisible control character, so it cannot be sent. Enter it again in "Publish targets", then click "Retry now".`,
      );
      return;
    }
    if (adapter.needsSecret && !secret) {
      fail(
        job,
        `No password or token is stored for the target "${target.name}". Enter it in "Publish targets", then click "Retry now".`,
      );
      return;
    }
    if (statements.markSending.run(now(), job.id).changes === 0) return;
    notify(job.id);

    const controller = new AbortController();
    controllers.add(controller);
    // A plain timer, not AbortSignal.timeout(): on Node 20 a garbage collection can drop a timeout
    // signal that only AbortSignal.any() refers to, and the attempt then never times out (nodejs#57736).
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new DOMException('The server did not answer in time.', 'TimeoutError')),
      attemptTimeoutMs,
    );
    const signal = AbortSignal.any([controller.signal, timeout.signal]);
    try {
      const stored: StoredSnapshot = StoredSnapshotSchema.parse(JSON.parse(job.snapshot_json));
      const snapshot = loadSnapshot(job.id, stored, { readImage: options.readImage });
      const fingerprint = targetFingerprint(target.kind, config.data as Record<string, unknown>);
      const previousRow = statements.publication.get(job.draft_id, job.target_id);
      // A publication recorded for another address of this target is not "previous" here.
      const previous: PreviousPublication | null =
        previousRow &&
        (previousRow.target_fingerprint === null || previousRow.target_fingerprint === fingerprint)
          ? {
              remoteId: previousRow.remote_id,
              url: previousRow.url,
              draftId: job.draft_id,
              jobKeys: statements.publishedKeys
                .all(job.draft_id, job.target_id, previousRow.remote_id)
                .map((row) => row.idempotency_key),
            }
          : null;
      let progress = parseProgress(job.progress_json);
      // Progress recorded against another address (the target was edited) is of no use here.
      if (progress.fingerprint !== undefined && progress.fingerprint !== fingerprint)
        progress = { media: {} };
      const ctx: AdapterContext = {
        idempotencyKey: job.idempotency_key,
        previous,
        get progress() {
          return progress;
        },
        recordProgress(next: JobProgress) {
          // A worker that lost its database (killed, closed) must not go on to the next remote step.
          if (!db.open)
            throw new PublishError(
              'retryable',
              'Copydesk is closing; the publish continues at the next start.',
            );
          const stamped = { ...next, fingerprint };
          statements.progress.run(JSON.stringify(stamped), now(), job.id);
          progress = stamped;
        },
        reportStep(step) {
          steps.set(job.id, step);
          notify(job.id);
        },
        fetch: fetchFn,
        signal,
        now,
      };
      const result = await adapter.publish(snapshot, config.data, secret, ctx);
      if (!db.open) return;
      db.transaction(() => {
        const t = now();
        statements.published.run({
          id: job.id,
          remote_id: result.remoteId,
          url: result.url,
          note: result.warnings && result.warnings.length > 0 ? result.warnings.join(' ') : null,
          now: t,
        });
        statements.upsertPublication.run({
          draft_id: job.draft_id,
          target_id: job.target_id,
          remote_id: result.remoteId,
          url: result.url,
          revision: stored.revision,
          now: t,
          fingerprint,
        });
        statements.draftStatus.run(stored.revision, job.draft_id);
      })();
      notify(job.id);
    } catch (error) {
      if (!db.open) return;
      const failure = toPublishError(error, controller.signal.aborted);
      const message = redactSecret(failure.message, secret, target.config);
      const fresh = statements.raw.get(job.id);
      const attempts = fresh?.attempts ?? job.attempts + 1;
      const since = fresh?.retry_since ?? null;
      if (failure.retryable && since !== null && now() - since >= GIVE_UP_AFTER_MS && !stopped) {
        statements.failed.run(
          `Copydesk gave up after 24 hours of failed attempts. The last one: ${message}`,
          now(),
          job.id,
        );
      } else if (failure.retryable) {
        const delay = controller.signal.aborted
          ? 0
          : retryDelayMs(attempts, backoff, random, failure.details.retryAfterMs);
        statements.retrying.run(now() + delay, message, now(), now(), job.id);
      } else {
        statements.failed.run(message, now(), job.id);
      }
      notify(job.id);
    } finally {
      clearTimeout(timer);
      controllers.delete(controller);
      steps.delete(job.id);
    }
  }

  const enqueueTx = db.transaction((input: EnqueueInput, creditFormat: string): string => {
    const draft = options.drafts.get(input.draftId);
    if (draft.deletedAt !== null) {
      throw new AppFailure('invalid_input', 'This draft is in the trash. Restore it before publishing.');
    }
    const target = targets.get(input.targetId);
    const snapshot: StoredSnapshot = {
      draftId: draft.id,
      revision: draft.revision,
      meta: draft.meta,
      bodyJson: draft.body,
      scheduledAt: input.scheduledAt ?? null,
      creditFormat,
    };
    const t = now();
    const reusable = statements.reusable.get(draft.id, target.id);
    if (reusable && !reachedRemote(parseProgress(reusable.progress_json))) {
      // Nothing of the earlier job left this computer: it sends the newer
      // snapshot instead, under a new key (a key names one snapshot).
      statements.refresh.run({
        id: reusable.id,
        revision: draft.revision,
        snapshot_json: JSON.stringify(snapshot),
        key: `copydesk-${randomUUID()}`,
        now: t,
      });
      return reusable.id;
    }
    if (reusable) {
      // The earlier job may have reached the site (a reply may have been lost):
      // it goes first with ITS snapshot and key, so the site answers about that
      // create; the new job below then updates what it created.
      statements.resolveFirst.run({ id: reusable.id, now: t });
    }
    const id = randomUUID();
    statements.insert.run({
      id,
      draft_id: draft.id,
      target_id: target.id,
      revision: draft.revision,
      snapshot_json: JSON.stringify(snapshot),
      idempotency_key: `copydesk-${randomUUID()}`,
      now: t,
    });
    return id;
  });

  return {
    start() {
      if (started || stopped) return;
      started = true;
      statements.recoverSending.run({ now: now() });
      pump();
    },
    enqueue(input) {
      const id = enqueueTx(input, options.creditFormat?.() ?? '');
      notify(id);
      pump();
      return get(id);
    },
    retryNow(jobId) {
      const job = get(jobId);
      if (job.state === 'published')
        throw new AppFailure(
          'conflict',
          'This job was already published. Publish the article again to update it.',
        );
      if (job.state === 'cancelled')
        throw new AppFailure('conflict', 'This publish was cancelled. Publish the article again to send it.');
      if (job.state === 'sending') return job;
      statements.retryNow.run({ now: now(), id: jobId });
      notify(jobId);
      pump();
      return get(jobId);
    },
    cancel(jobId) {
      const job = get(jobId);
      if (job.state === 'cancelled') return job;
      if (job.state === 'published')
        throw new AppFailure('conflict', 'This publish is done already; it can no longer be cancelled.');
      if (job.state === 'sending')
        throw new AppFailure(
          'conflict',
          'This publish is being sent right now and can no longer be cancelled. Wait for it to finish.',
        );
      statements.cancel.run({ id: jobId, now: now(), reason: 'Copydesk will not send it.' });
      notify(jobId);
      pump();
      return get(jobId);
    },
    get,
    list(listOptions = {}) {
      const rows = listOptions.draftId
        ? statements.listDraft.all(listOptions.draftId)
        : statements.listAll.all();
      return rows.map(toView);
    },
    publications(draftId) {
      return statements.publications.all(draftId).map((row) => ({
        draftId: row.draft_id,
        targetId: row.target_id,
        remoteId: row.remote_id,
        url: row.url,
        revision: row.revision,
        publishedAt: row.published_at,
      }));
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    settled: () =>
      new Promise<void>((resolve) => {
        const check = (): boolean => {
          if (!usable() || statements.unfinishedCount.get()?.n === 0) {
            resolve();
            return true;
          }
          return false;
        };
        if (check()) return;
        const listener = (): void => {
          if (check()) listeners.delete(listener);
        };
        listeners.add(listener);
      }),
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const controller of controllers)
        controller.abort(new PublishError('retryable', 'Copydesk is closing.'));
      await Promise.allSettled([...running.values()]);
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}

/** True when a job sent anything to its target (a request went out, or something was stored there). */
function reachedRemote(progress: JobProgress): boolean {
  return (
    progress.post !== undefined ||
    Object.keys(progress.media).length > 0 ||
    Object.keys(progress.sent ?? {}).length > 0
  );
}

function parseProgress(json: string): JobProgress {
  try {
    const value = JSON.parse(json) as Partial<JobProgress>;
    return { ...value, media: value.media ?? {} };
  } catch {
    return { media: {} };
  }
}

function toPublishError(error: unknown, aborted: boolean): PublishError {
  if (error instanceof PublishError) return error;
  if (aborted) return new PublishError('retryable', 'Sending was interrupted; Copydesk will continue.');
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new PublishError('retryable', 'Sending took too long and was stopped; Copydesk will try again.');
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new PublishError('permanent', `Copydesk could not publish the article: ${detail}`);
}
