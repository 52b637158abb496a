// The names the shells and the renderer meet by on window: the bridge object
// and the hooks a shell calls before it closes. No zod: the first screen reads them.

/** Global name of the bridge object. */
export const BRIDGE_GLOBAL = 'copydesk';
/**
 * A function the renderer defines on window; shells call it before they close
 * (window close, quit, SIGINT/SIGTERM) and wait for its promise.
 */
export const FLUSH_HOOK = '__copydeskFlushPendingSaves';

/**
 * A function the renderer defines on window; the shells call it (instead of
 * FLUSH_HOOK) before they quit. It resolves to 'flushed' once every change is
 * stored, or to 'unsaved' as soon as a save fails.
 */
export const QUIT_GUARD_HOOK = '__copydeskBeforeQuit';
/**
 * After 'unsaved', the shells call this and wait: the renderer asks the
 * editor (save to a file, or quit without saving) and resolves to
 * 'saved-to-file', 'discarded' or 'flushed' (a retry stored everything meanwhile).
 */
export const ASK_BEFORE_QUIT_HOOK = '__copydeskAskBeforeQuit';

export type QuitGuardResult = 'flushed' | 'unsaved';
export type QuitDecision = 'saved-to-file' | 'discarded' | 'flushed';
