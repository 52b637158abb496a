// One poll of the outbox for the whole window: the sidebar's Outbox and the
// Publish dialog read the same job list. outbox:list is a cheap local query;
// it runs every second while a job is unfinished and every ten seconds
// otherwise, and at once after a publish or a retry.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { UNFINISHED_JOB_STATES, type PublishJob } from '../../src-shared/ipc/publishChannels';
import { call } from '../api';

const BUSY_POLL_MS = 1_000;
const IDLE_POLL_MS = 10_000;

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
  const timer = useRef<number | null>(null);
  const first = useRef(true);
  const alive = useRef(true);
  const pollAgain = useRef<() => void>(() => undefined);

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

  const refresh = useCallback(async (): Promise<void> => {
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = null;
    const result = await call('outbox:list', {});
    let next: readonly PublishJob[] | null = null;
    if (result.ok) {
      next = result.value.jobs;
      setProblem(null);
      accept(next);
    } else {
      setProblem(result.error.message);
    }
    if (timer.current !== null) window.clearTimeout(timer.current);
    if (!alive.current) return;
    const busy = next?.some(isUnfinished) ?? false;
    timer.current = window.setTimeout(() => pollAgain.current(), busy ? BUSY_POLL_MS : IDLE_POLL_MS);
  }, [accept]);

  const remember = useCallback((job: PublishJob) => {
    known.current.set(job.id, job.state);
    setJobs((current) => [job, ...current.filter((other) => other.id !== job.id)]);
  }, []);

  useEffect(() => {
    alive.current = true;
    pollAgain.current = () => void refresh();
    pollAgain.current();
    return () => {
      alive.current = false;
      if (timer.current !== null) window.clearTimeout(timer.current);
      timer.current = null;
    };
  }, [refresh]);

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
