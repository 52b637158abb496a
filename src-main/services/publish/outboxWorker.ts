// The outbox's worker: the loop that claims due jobs (one at a time per
// target, the jobs of one draft on one target in order), sends each through
// its target's adapter, and records the outcome — published, retrying after
// a backoff (full jitter, Retry-After honoured), or failed. Retryable failures
// give up after GIVE_UP_AFTER_MS. It reads and writes only through the
// OutboxStore and tells the facade about every state change via `notify`.
import type { Draft } from '../../../src-shared/article';
import { DEFAULT_BACKOFF, retryDelayMs, type BackoffPolicy } from './backoff';
import { PublishError } from './publishError';
import { targetFingerprint } from './fingerprint';
import { parseProgress, type JobRow, type OutboxStore } from './outboxStore';
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

/** Retryable failures stop after this long (counted from the first failure of the run) as Failed. */
export const GIVE_UP_AFTER_MS = 24 * 60 * 60 * 1000;

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

export interface OutboxWorkerOptions {
  store: OutboxStore;
  targets: TargetRepository;
  adapters: PublishAdapters;
  secrets: SecretStore;
  drafts: { get(id: string): Draft };
  readImage(hash: string): Promise<Buffer>;
  now(): number;
  /** Called after every state change the worker makes to a job. */
  notify(jobId: string): void;
  fetch?: typeof fetch;
  timers?: Timers;
  random?: () => number;
  backoff?: Partial<BackoffPolicy>;
  /** An attempt that takes longer than this is aborted and retried (default 10 minutes). */
  attemptTimeoutMs?: number;
  log?: { error(message: string, error: unknown): void };
}

export interface OutboxWorker {
  /** Resumes jobs a crash left 'sending' and starts sending due jobs. */
  start(): void;
  /** Starts every due job whose target is free, then sets a timer for the next one. */
  pump(): void;
  /** The step a sending job reported last, if any. */
  currentStep(jobId: string): StepReport | null;
  /** False once stopped or once the database closed. */
  usable(): boolean;
  /** Aborts the attempts in flight and waits for them to record their state. */
  stop(): Promise<void>;
}

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { store, targets, adapters, secrets, now, notify } = options;
  const timers = options.timers ?? realTimers;
  const random = options.random ?? Math.random;
  const fetchFn = options.fetch ?? fetch;
  const backoff: BackoffPolicy = { ...DEFAULT_BACKOFF, ...options.backoff };
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 10 * 60_000;
  const log = options.log ?? console;

  const steps = new Map<string, StepReport>();
  /** Target id -> the attempt running on it. */
  const running = new Map<string, Promise<void>>();
  const controllers = new Set<AbortController>();
  let timer: unknown = null;
  let started = false;
  let stopped = false;

  const usable = (): boolean => !stopped && store.isOpen();

  const schedule = (): void => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    if (!usable()) return;
    // Jobs of a target that is busy wait for it; its end pumps again.
    let next = Infinity;
    for (const job of store.pendingJobs()) {
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
      for (const job of store.dueJobs(now())) {
        if (running.has(job.target_id)) continue;
        if (store.hasOlderUnfinished(job)) continue;
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
    store.markFailed(job.id, message, now());
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
      store.cancel(job.id, 'The draft was moved to the Trash, so Copydesk did not publish it.', now());
      notify(job.id);
      return;
    }
    const unresolved = store.unresolvedOlder(job);
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
    if (!store.markSending(job.id, now())) return;
    notify(job.id);

    const controller = new AbortController();
    controllers.add(controller);
    // A plain timer, not AbortSignal.timeout(): on Node 20 a garbage collection can drop a timeout
    // signal that only AbortSignal.any() refers to, and the attempt then never times out (nodejs#57736).
    const timeout = new AbortController();
    const attemptTimer = setTimeout(
      () => timeout.abort(new DOMException('The server did not answer in time.', 'TimeoutError')),
      attemptTimeoutMs,
    );
    const signal = AbortSignal.any([controller.signal, timeout.signal]);
    try {
      const stored: StoredSnapshot = StoredSnapshotSchema.parse(JSON.parse(job.snapshot_json));
      const snapshot = loadSnapshot(job.id, stored, { readImage: options.readImage });
      const fingerprint = targetFingerprint(target.kind, config.data as Record<string, unknown>);
      const previousRow = store.publication(job.draft_id, job.target_id);
      // A publication recorded for another address of this target is not "previous" here.
      const previous: PreviousPublication | null =
        previousRow &&
        (previousRow.target_fingerprint === null || previousRow.target_fingerprint === fingerprint)
          ? {
              remoteId: previousRow.remote_id,
              url: previousRow.url,
              draftId: job.draft_id,
              jobKeys: store.publishedKeys(job.draft_id, job.target_id, previousRow.remote_id),
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
          if (!store.isOpen())
            throw new PublishError(
              'retryable',
              'Copydesk is closing; the publish continues at the next start.',
            );
          const stamped = { ...next, fingerprint };
          store.saveProgress(job.id, stamped, now());
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
      if (!store.isOpen()) return;
      store.recordPublished({
        id: job.id,
        draftId: job.draft_id,
        targetId: job.target_id,
        remoteId: result.remoteId,
        url: result.url,
        note: result.warnings && result.warnings.length > 0 ? result.warnings.join(' ') : null,
        revision: stored.revision,
        fingerprint,
        now: now(),
      });
      notify(job.id);
    } catch (error) {
      if (!store.isOpen()) return;
      const failure = toPublishError(error, controller.signal.aborted);
      const message = redactSecret(failure.message, secret, target.config);
      const fresh = store.rawJob(job.id);
      const attempts = fresh?.attempts ?? job.attempts + 1;
      const since = fresh?.retry_since ?? null;
      if (failure.retryable && since !== null && now() - since >= GIVE_UP_AFTER_MS && !stopped) {
        store.markFailed(
          job.id,
          `Copydesk gave up after 24 hours of failed attempts. The last one: ${message}`,
          now(),
        );
      } else if (failure.retryable) {
        const delay = controller.signal.aborted
          ? 0
          : retryDelayMs(attempts, backoff, random, failure.details.retryAfterMs);
        const t = now();
        store.markRetrying(job.id, t + delay, message, t);
      } else {
        store.markFailed(job.id, message, now());
      }
      notify(job.id);
    } finally {
      clearTimeout(attemptTimer);
      controllers.delete(controller);
      steps.delete(job.id);
    }
  }

  return {
    start() {
      if (started || stopped) return;
      started = true;
      store.recoverSending(now());
      pump();
    },
    pump,
    currentStep: (jobId) => steps.get(jobId) ?? null,
    usable,
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
