// Keeping text safe when the store refuses writes (disk full, read-only data
// folder): the renderer can write an unsaved article to a file outside the
// data folder, and the shells ask the renderer before they quit.
import { z } from 'zod';
import { ArticleMetaSchema, LIMITS } from '../article';
import { channel } from './define';

export const storageChannels = {
  /**
   * Writes an article that could not be stored to a new HTML file outside the
   * data folder (in "Copydesk unsaved" in the Documents or home folder); returns its path.
   */
  'storage:saveUnsavedCopy': channel(
    z
      .object({
        meta: ArticleMetaSchema,
        body: z.string().max(LIMITS.bodyJson),
      })
      .strict(),
    z.object({ path: z.string() }),
  ),
};

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
