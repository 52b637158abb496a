// When a retryable publish failure is tried again: exponential backoff with
// full jitter (a random delay between 0 and base·2^(attempt-1), capped), and
// never sooner than the server's Retry-After.

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** A Retry-After longer than this is shortened to it (a server asking for a day is not waited for). */
  maxRetryAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: 2_000,
  capMs: 5 * 60_000,
  maxRetryAfterMs: 60 * 60_000,
};

/** Delay before the next attempt after `attempts` failed attempts (1 = the first failed). */
export function retryDelayMs(
  attempts: number,
  policy: BackoffPolicy,
  random: () => number,
  retryAfterMs?: number,
): number {
  const exponent = Math.min(Math.max(0, attempts - 1), 30);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);
  const jittered = Math.floor(random() * ceiling);
  const serverMinimum =
    retryAfterMs === undefined ? 0 : Math.min(Math.max(0, retryAfterMs), policy.maxRetryAfterMs);
  return Math.max(jittered, serverMinimum);
}
