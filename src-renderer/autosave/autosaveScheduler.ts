// When to store a draft. Saves ~300 ms after the last change, but at least
// once a second during continuous typing (a crash loses at most ~1 s), keeps
// retrying a failed save with backoff, and never drops a change: a change that
// arrives while a save is in flight is saved by the next one.
//
// The scheduler knows nothing about drafts: `save` serializes whatever is
// current at the moment it is called, so serialization stays off the
// keystroke path. Failures and recoveries are also reported to saveHealth,
// which the storage banner, the Publish dialog and the quit guard read.

import { reportSaveFailed, reportSaveStored } from './saveHealth';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: number }
  | { kind: 'failed'; message: string; retryInMs: number };

export interface SchedulerTimers {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface AutosaveOptions {
  /** Stores the current state; rejects with an Error whose message a person can read. */
  save: () => Promise<void>;
  onState: (state: SaveState) => void;
  debounceMs?: number;
  /** Longest wait while typing goes on: 500 ms leaves room for a slow save within the one-second promise. */
  maxWaitMs?: number;
  /** Delays between retries of a failing save; the last one repeats forever. */
  retryDelaysMs?: readonly number[];
  timers?: SchedulerTimers;
}

export interface AutosaveScheduler {
  /** Something changed; cheap enough to call on every keystroke. */
  markDirty(): void;
  /** Saves now if anything is pending; resolves once everything pending is stored. */
  flush(): Promise<void>;
  /** True while a change is not yet stored. */
  hasPendingChanges(): boolean;
  /** Stops timers. Pending changes are kept; call flush() first to store them. */
  dispose(): void;
}

const browserTimers: SchedulerTimers = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

export function createAutosaveScheduler(options: AutosaveOptions): AutosaveScheduler {
  const debounceMs = options.debounceMs ?? 300;
  const maxWaitMs = options.maxWaitMs ?? 500;
  const retryDelays = options.retryDelaysMs ?? [1000, 2000, 5000];
  const timers = options.timers ?? browserTimers;

  let dirty = false;
  let firstDirtyAt = 0;
  let inFlight: Promise<void> | null = null;
  let timer: unknown = null;
  let failures = 0;
  let disposed = false;
  let waiters: Array<() => void> = [];
  /** This scheduler's identity in saveHealth. */
  const saver = {};

  const clearTimer = (): void => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };

  const settleWaiters = (): void => {
    if (dirty || inFlight) return;
    const settled = waiters;
    waiters = [];
    settled.forEach((resolve) => resolve());
  };

  const scheduleAt = (delayMs: number): void => {
    clearTimer();
    if (disposed) return;
    timer = timers.setTimeout(
      () => {
        timer = null;
        void run();
      },
      Math.max(0, delayMs),
    );
  };

  const scheduleDebounced = (): void => {
    const now = timers.now();
    scheduleAt(Math.min(debounceMs, firstDirtyAt + maxWaitMs - now));
  };

  const run = async (): Promise<void> => {
    if (inFlight || !dirty) return;
    dirty = false;
    options.onState({ kind: 'saving' });
    const attempt = options.save();
    inFlight = attempt;
    try {
      await attempt;
      failures = 0;
      inFlight = null;
      reportSaveStored(saver);
      if (dirty) {
        options.onState({ kind: 'pending' });
        if (waiters.length > 0) void run();
        else scheduleDebounced();
      } else {
        options.onState({ kind: 'saved', at: timers.now() });
      }
    } catch (error) {
      inFlight = null;
      if (!dirty) firstDirtyAt = timers.now();
      dirty = true;
      const retryInMs = retryDelays[Math.min(failures, retryDelays.length - 1)] ?? 5000;
      failures += 1;
      const message = error instanceof Error ? error.message : String(error);
      reportSaveFailed(saver, { message, retryAt: timers.now() + retryInMs });
      options.onState({ kind: 'failed', message, retryInMs });
      scheduleAt(retryInMs);
      return;
    }
    settleWaiters();
  };

  return {
    markDirty() {
      if (!dirty) {
        firstDirtyAt = timers.now();
        dirty = true;
        if (!inFlight) options.onState({ kind: 'pending' });
      }
      if (!inFlight && failures === 0) scheduleDebounced();
    },
    flush() {
      if (!dirty && !inFlight) return Promise.resolve();
      const done = new Promise<void>((resolve) => waiters.push(resolve));
      if (!inFlight) {
        clearTimer();
        void run();
      }
      return done;
    },
    hasPendingChanges() {
      return dirty || inFlight !== null;
    },
    dispose() {
      disposed = true;
      clearTimer();
    },
  };
}
