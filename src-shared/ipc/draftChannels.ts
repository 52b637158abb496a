import { z } from 'zod';
import { ArticleMetaSchema, DraftIdSchema as DraftId, DraftSchema, LIMITS } from '../article';
import {
  DRAFT_SORTS,
  DraftCursorSchema,
  DraftFiltersSchema,
  DraftPageSchema,
  MAX_PAGE_SIZE,
} from '../search';
import { channel } from './define';

/** A body as the change since this window's last save of it (src-shared/bodyPatch.ts). */
const BodyPatchSchema = z
  .object({
    head: z.string().max(LIMITS.bodyJson),
    tail: z.string().max(LIMITS.bodyJson),
    at: z.number().int().min(0),
    remove: z.number().int().min(0),
    insert: z.array(z.string().max(LIMITS.bodyJson)).max(LIMITS.bodyJson),
    length: z.number().int().min(0).max(LIMITS.bodyJson),
    digest: z.number().int().min(0).max(0xffffffff),
  })
  .strict();

export const draftChannels = {
  /**
   * One page of the drafts list or of a search. Without `after` it is the
   * first page; pass the returned `next` to get the one after it.
   */
  'drafts:list': channel(
    z
      .object({
        /**
         * Full-text search over kicker, headline, standfirst, byline, tags, body
         * and every image's caption and credit (src-main/services/drafts/ftsQuery.ts).
         */
        query: z.string().max(200).optional(),
        /** List the trash instead of live drafts. */
        trash: z.boolean().optional(),
        filters: DraftFiltersSchema.optional(),
        /** Order of search results (default relevance); a list without a search is newest edit first. */
        sort: z.enum(DRAFT_SORTS).optional(),
        /** Rows in this page (default DEFAULT_PAGE_SIZE). */
        limit: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
        after: DraftCursorSchema.optional(),
      })
      .strict(),
    DraftPageSchema,
  ),
  /** Kickers (sections) in use by live drafts, for the list's section filter. */
  'drafts:sections': channel(
    z.object({}).strict(),
    z.object({ sections: z.array(z.object({ kicker: z.string(), count: z.number().int() })) }),
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
   *
   * Instead of `body`, a save may send `bodyPatch`: the blocks changed since
   * the body of `baseRevision`, when that body was this window's own last
   * save. The services apply it only to that body and only when the result
   * has the patch's length and digest; otherwise the save fails with code
   * 'patch_base_missing' and nothing is stored (send the whole body).
   */
  'drafts:save': channel(
    z
      .object({
        id: DraftId,
        meta: ArticleMetaSchema,
        body: z.string().max(LIMITS.bodyJson).optional(),
        bodyPatch: BodyPatchSchema.optional(),
        baseRevision: z.number().int().min(0),
      })
      .strict()
      .refine((input) => (input.body === undefined) !== (input.bodyPatch === undefined), {
        message: 'A save sends either the whole body or a patch of it.',
      }),
    z.object({ revision: z.number().int(), updatedAt: z.number(), wordCount: z.number() }),
  ),
  /** Moves a draft to the trash (undoable with drafts:restore). */
  'drafts:delete': channel(z.object({ id: DraftId }).strict(), z.object({ deletedAt: z.number() })),
  'drafts:restore': channel(z.object({ id: DraftId }).strict(), z.object({})),
  /** Deletes a draft from the trash for good. */
  'drafts:purge': channel(z.object({ id: DraftId }).strict(), z.object({})),
};
