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
