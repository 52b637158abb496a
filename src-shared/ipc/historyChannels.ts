// History (every recorded version of a draft) and the workflow status.
import { z } from 'zod';
import { DRAFT_STATUSES, DraftSchema, ArticleMetaSchema, SETTABLE_STATUSES } from '../article';
import { channel } from './define';
import { DraftIdSchema as DraftId } from '../article';

export const HISTORY_KINDS = [
  'edited',
  'status',
  'before-publish',
  'published',
  'before-restore',
  'restored',
  'imported',
  'conflict-kept',
  'conflict-rejected',
  'site-changes',
  'legacy',
] as const;

export const HistoryEntrySchema = z.object({
  /** 1, 2, 3… per draft in the order recorded; what history:get and history:restore take. */
  seq: z.number().int(),
  /** The draft's content revision the text was taken from. */
  revision: z.number().int(),
  savedAt: z.number(),
  kind: z.enum(HISTORY_KINDS),
  /** "Edited", "Published to Newsroom WP", "Restored from 14:02", "Imported from report.docx". */
  label: z.string(),
  status: z.enum(DRAFT_STATUSES),
  wordCount: z.number().int(),
  /** Bytes of the version's text (meta and body JSON) before compression. */
  size: z.number().int(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

const Seq = z.number().int().min(1);

export const historyChannels = {
  /** Every recorded version, newest first. */
  'history:list': channel(
    z.object({ draftId: DraftId }).strict(),
    z.object({ entries: z.array(HistoryEntrySchema) }),
  ),
  /** One version's whole text, for the diff against the current article. */
  'history:get': channel(
    z.object({ draftId: DraftId, seq: Seq }).strict(),
    z.object({ entry: HistoryEntrySchema, meta: ArticleMetaSchema, body: z.string() }),
  ),
  /**
   * "Restore this version": records the current text first, then makes the
   * version current (a new revision). Returns the draft as now stored.
   */
  'history:restore': channel(z.object({ draftId: DraftId, seq: Seq }).strict(), DraftSchema),
  /**
   * Sets the workflow status. 'scheduled' needs `scheduledAt` (epoch ms, in the
   * future): the embargo publishing respects. Published and Changed since
   * publish follow from publishing and are not set here.
   */
  'workflow:setStatus': channel(
    z
      .object({
        draftId: DraftId,
        status: z.enum(SETTABLE_STATUSES),
        scheduledAt: z.number().int().positive().nullable().optional(),
      })
      .strict(),
    DraftSchema,
  ),
};
