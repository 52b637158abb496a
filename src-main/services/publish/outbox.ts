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
//
// Three parts: outboxStore.ts (the typed statements over publish_jobs and
// publications), outboxWorker.ts (the loop: claim, send through the adapter,
// backoff, retry bounds) and this facade (enqueue, retry, cancel, views,
// listeners), whose API the publish service and the tests use.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Draft } from '../../../src-shared/article';
import { AppFailure } from '../../../src-shared/ipc';
import type { PublishJob } from '../../../src-shared/ipc/publishChannels';
import { JOB_STATE_LABELS } from '../../../src-shared/ipc/publishVocabulary';
import type { BackoffPolicy } from './backoff';
import { createOutboxStore, parseProgress, reachedRemote, type JobListRow } from './outboxStore';
import { createOutboxWorker, type PublishAdapters, type Timers } from './outboxWorker';
import type { StoredSnapshot } from './snapshot';
import type { TargetRepository } from './targetRepository';
import type { SecretStore } from './types';

export { GIVE_UP_AFTER_MS, type PublishAdapters, type Timers } from './outboxWorker';

export interface PublicationView {
  draftId: string;
  targetId: string;
  remoteId: string;
  url: string;
  revision: number;
  publishedAt: number;
}

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
  // Every job it reports is a PublishJob: the publish channels' job schema (JobSchema), nothing more or less.
  /** Snapshots the draft and creates (or refreshes) its job in one transaction. */
  enqueue(input: EnqueueInput): PublishJob;
  /** Sends a retrying or failed job now. */
  retryNow(jobId: string): PublishJob;
  /** Cancels a queued, retrying or failed job: it is never sent again. */
  cancel(jobId: string): PublishJob;
  get(jobId: string): PublishJob;
  list(options?: { draftId?: string }): PublishJob[];
  publications(draftId: string): PublicationView[];
  /** Called after every state change of any job. Returns an unsubscribe function. */
  subscribe(listener: (job: PublishJob) => void): () => void;
  /** Resolves once no job is queued, sending or retrying. */
  settled(): Promise<void>;
  /** Stops the worker: aborts the attempts in flight and waits for them to record their state. */
  stop(): Promise<void>;
}

export function createOutbox(options: OutboxOptions): Outbox {
  const { targets, now } = options;
  const log = options.log ?? console;
  const store = createOutboxStore(options.db);
  const listeners = new Set<(job: PublishJob) => void>();

  const notify = (jobId: string): void => {
    if (listeners.size === 0 || !store.isOpen()) return;
    const row = store.getJob(jobId);
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

  const worker = createOutboxWorker({
    store,
    targets,
    adapters: options.adapters,
    secrets: options.secrets,
    drafts: options.drafts,
    readImage: options.readImage,
    now,
    notify,
    fetch: options.fetch,
    timers: options.timers,
    random: options.random,
    backoff: options.backoff,
    attemptTimeoutMs: options.attemptTimeoutMs,
    log,
  });

  const toView = (row: JobListRow): PublishJob => ({
    id: row.id,
    draftId: row.draft_id,
    targetId: row.target_id,
    targetName: row.target_name ?? 'Removed target',
    headline: row.headline ?? '',
    revision: row.revision,
    state: row.state,
    stateLabel: JOB_STATE_LABELS[row.state],
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    step: row.state === 'sending' ? worker.currentStep(row.id) : null,
    remoteId: row.remote_id,
    url: row.url,
    scheduledAt: row.scheduled_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });

  const get = (jobId: string): PublishJob => {
    const row = store.getJob(jobId);
    if (!row) throw new AppFailure('not_found', 'That publish job no longer exists.');
    return toView(row);
  };

  const enqueueJob = (input: EnqueueInput, creditFormat: string): string =>
    store.transaction(() => {
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
      const reusable = store.reusableJob(draft.id, target.id);
      if (reusable && !reachedRemote(parseProgress(reusable.progress_json))) {
        // Nothing of the earlier job left this computer: it sends the newer
        // snapshot instead, under a new key (a key names one snapshot).
        store.refreshJob({
          id: reusable.id,
          revision: draft.revision,
          snapshotJson: JSON.stringify(snapshot),
          key: `copydesk-${randomUUID()}`,
          now: t,
        });
        return reusable.id;
      }
      if (reusable) {
        // The earlier job may have reached the site (a reply may have been lost):
        // it goes first with ITS snapshot and key, so the site answers about that
        // create; the new job below then updates what it created.
        store.resolveFirst(reusable.id, t);
      }
      const id = randomUUID();
      store.insertJob({
        id,
        draftId: draft.id,
        targetId: target.id,
        revision: draft.revision,
        snapshotJson: JSON.stringify(snapshot),
        idempotencyKey: `copydesk-${randomUUID()}`,
        now: t,
      });
      return id;
    });

  return {
    start: () => worker.start(),
    enqueue(input) {
      const id = enqueueJob(input, options.creditFormat?.() ?? '');
      notify(id);
      worker.pump();
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
      store.retryNow(jobId, now());
      notify(jobId);
      worker.pump();
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
      store.cancel(jobId, 'Copydesk will not send it.', now());
      notify(jobId);
      worker.pump();
      return get(jobId);
    },
    get,
    list: (listOptions = {}) => store.listJobs(listOptions.draftId || undefined).map(toView),
    publications: (draftId) =>
      store.publications(draftId).map((row) => ({
        draftId: row.draft_id,
        targetId: row.target_id,
        remoteId: row.remote_id,
        url: row.url,
        revision: row.revision,
        publishedAt: row.published_at,
      })),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    settled: () =>
      new Promise<void>((resolve) => {
        const check = (): boolean => {
          if (!worker.usable() || store.unfinishedCount() === 0) {
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
    stop: () => worker.stop(),
  };
}
