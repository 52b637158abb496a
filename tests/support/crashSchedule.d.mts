export const ALLOWED_LOSS_MS: number;
export const MIN_KILL_AFTER_MS: number;
export const KILL_WINDOW_MS: number;
/** Milliseconds after typing starts at which a round kills the app. */
export function killDelayMs(random: () => number): number;
