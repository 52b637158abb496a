// One outbox for the whole window: the sidebar's Outbox and the Publish dialog
// read the same job list. It is read once at start and then kept current by
// the "outbox:changed" event the services push on every job change (no
// polling); refresh() reads it again at once (after a publish or a retry).
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { PublishJob } from '../../src-shared/ipc/publishChannels';
import { UNFINISHED_JOB_STATES } from '../../src-shared/ipc/publishVocabulary';
import { call, subscribe } from '../api';

export interface OutboxState {
  jobs: readonly PublishJob[];
  /** The last error of outbox:list, in words for the editor; null when the list is current. */
  problem: string | null;
  /** Reads the outbox now (after a publish or a retry). */
  refresh(): Promise<void>;
  /** Adds or replaces one job the caller already has (a publish:start or outbox:retry reply). */
  remember(job: PublishJob): void;
  /** Calls the listener when a job reaches "Published" or "Failed"; returns the unsubscribe function. */
  onSettled(listener: (job: PublishJob) => void): () => void;
}

const OutboxContext = createContext<OutboxState>({
  jobs: [],
  problem: null,
  refresh: async () => undefined,
  remember: () => undefined,
  onSettled: () => () => undefined,
});

export function isUnfinished(job: PublishJob): boolean {
  return UNFINISHED_JOB_STATES.includes(job.state);
}

export function OutboxProvider({ children }: { children: React.ReactNode }): React.JSX.Element {
  const [jobs, setJobs] = useState<readonly PublishJob[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const known = useRef(new Map<string, PublishJob['state']>());
  const settledListeners = useRef(new Set<(job: PublishJob) => void>());
  const first = useRef(true);
  /** Bumped by every pushed list, so an older outbox:list reply never overwrites a newer push. */
  const pushes = useRef(0);

  const accept = useCallback((next: readonly PublishJob[]) => {
    for (const job of next) {
      const before = known.current.get(job.id);
      known.current.set(job.id, job.state);
      const settled = job.state === 'published' || job.state === 'failed';
      if (!first.current && settled && before !== job.state) {
        for (const listener of settledListeners.current) listener(job);
      }
    }
    first.current = false;
    setJobs(next);
  }, []);

  /** Reads outbox:list; its reply is dropped if a pushed list arrived meanwhile (that one is newer). */
  const read = useCallback(async (): Promise<void> => {
    const pushesBefore = pushes.current;
    const result = await call('outbox:list', {});
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    setProblem(null);
    if (pushes.current === pushesBefore) accept(result.value.jobs);
  }, [accept]);
  const refresh = read;

  const remember = useCallback((job: PublishJob) => {
    known.current.set(job.id, job.state);
    setJobs((current) => [job, ...current.filter((other) => other.id !== job.id)]);
  }, []);

  useEffect(() => {
    const unsubscribe = subscribe('outbox:changed', ({ jobs: next }) => {
      pushes.current += 1;
      setProblem(null);
      accept(next);
    });
    // The first list; from then on the pushes keep it current.
    void Promise.resolve().then(read);
    return unsubscribe;
  }, [accept, read]);

  const onSettled = useCallback((listener: (job: PublishJob) => void) => {
    settledListeners.current.add(listener);
    return () => void settledListeners.current.delete(listener);
  }, []);

  const value = useMemo(
    () => ({ jobs, problem, refresh, remember, onSettled }),
    [jobs, problem, refresh, remember, onSettled],
  );
  return <OutboxContext.Provider value={value}>{children}</OutboxContext.Provider>;
}

export function useOutbox(): OutboxState {
  return useContext(OutboxContext);
}

/** Runs `listener` whenever a job reaches "Published" or "Failed". Pass a stable function. */
export function useJobSettled(listener: (job: PublishJob) => void): void {
  const { onSettled } = useOutbox();
  useEffect(() => onSettled(listener), [onSettled, listener]);
}
