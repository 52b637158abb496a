// Whether every autosave is getting through. Each autosave scheduler reports
// its failures and successes here; the storage banner, the Publish dialog and
// the quit guard read one answer: the newest problem, or null when nothing is
// failing. DOM-free, so it runs in unit tests as it runs in the window.

export interface SaveProblem {
  /** The service's message: what failed and what to do. */
  message: string;
  /** When the failing save is tried again (ms since the epoch). */
  retryAt: number;
}

const failing = new Map<object, SaveProblem>();
const listeners = new Set<() => void>();
let current: SaveProblem | null = null;

function publish(): void {
  const problems = [...failing.values()];
  current = problems.length === 0 ? null : problems.reduce((a, b) => (b.retryAt > a.retryAt ? b : a));
  listeners.forEach((listener) => listener());
}

export function reportSaveFailed(saver: object, problem: SaveProblem): void {
  failing.set(saver, problem);
  publish();
}

export function reportSaveStored(saver: object): void {
  if (failing.delete(saver)) publish();
}

/** The newest problem while any save is failing, else null (a stable object for useSyncExternalStore). */
export function currentSaveProblem(): SaveProblem | null {
  return current;
}

export function subscribeSaveHealth(listener: () => void): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Resolves as soon as some save is failing (at once when one is). */
export function whenSaveFails(): Promise<void> {
  if (current !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const unsubscribe = subscribeSaveHealth(() => {
      if (current === null) return;
      unsubscribe();
      resolve();
    });
  });
}
