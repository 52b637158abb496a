import { z } from 'zod';
import {
  ArticleMetaSchema,
  DraftIdSchema as DraftId,
  DraftSchema,
  DraftSummarySchema,
  LIMITS,
} from '../article';
import { channel } from './define';

export const draftChannels = {
  'drafts:list': channel(
    z
      .object({
        /** Full-text search over headline, standfirst, byline, tags and body. */
        query: z.string().max(200).optional(),
        /** List the trash instead of live drafts. */
        trash: z.boolean().optional(),
        /** Only the newest N (a first screenful paints before a long list has crossed over). */
        limit: z.number().int().min(1).max(1_000_000).optional(),
      })
      .strict(),
    z.object({ drafts: z.array(DraftSummarySchema) }),
  ),
  'drafts:create': channel(z.object({}).strict(), DraftSchema),
  'drafts:get': channel(z.object({ id: DraftId }).strict(), DraftSchema),
  /**
   * Stores the whole draft in one transaction. `body` is the body envelope as
   * JSON (src-shared/body.ts); the store derives plain text and counts from it.
   * `baseRevision` is the stored revision the text was based on (the opened
   * draft's `revision`, then each save's result): when the draft was saved
   * from elsewhere since, the save fails with code 'conflict', the newer
   * stored text stays, and both versions are recorded in History.
   */
  'drafts:save': channel(
    z
      .object({
        id: DraftId,
        meta: ArticleMetaSchema,
        body: z.string().max(LIMITS.bodyJson),
        baseRevision: z.number().int().min(0),
      })
      .strict(),
    z.object({ revision: z.number().int(), updatedAt: z.number(), wordCount: z.number() }),
  ),
  /** Moves a draft to the trash (undoable with drafts:restore). */
  'drafts:delete': channel(z.object({ id: DraftId }).strict(), z.object({ deletedAt: z.number() })),
  'drafts:restore': channel(z.object({ id: DraftId }).strict(), z.object({})),
  /** Deletes a draft from the trash for good. */
  'drafts:purge': channel(z.object({ id: DraftId }).strict(), z.object({})),
};
