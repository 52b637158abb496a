// When a crash round kills the app, shared by tests/e2e/crash.spec.ts and
// bench/metrics/crash.mjs. Every round must be able to fail its "at most the
// last second of typing is lost" check, so the kill comes at least
// MIN_KILL_AFTER_MS after typing starts: by then something typed more than
// ALLOWED_LOSS_MS earlier exists and must be in the database.

/** Typing older than this at the moment of the kill must be stored. */
export const ALLOWED_LOSS_MS = 1_000;
/** The earliest kill: ALLOWED_LOSS_MS plus a margin for the first keystrokes to land. */
export const MIN_KILL_AFTER_MS = 1_200;
/** Kills are spread over this window after the minimum. */
export const KILL_WINDOW_MS = 1_300;

/** Milliseconds after typing starts at which a round kills the app (1200–2499 ms). */
export function killDelayMs(random) {
  return MIN_KILL_AFTER_MS + Math.floor(random() * KILL_WINDOW_MS);
}
