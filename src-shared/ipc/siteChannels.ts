// "Compare with the site before updating" (src-main/services/publish/siteCompare.ts).
import { z } from 'zod';
import { channel } from './define';
import { DraftIdSchema as DraftId } from '../article';

const TargetId = z.string().min(8).max(64);

/** A copy of the article as a person reads it: plain text of each part. */
export const SiteTextSchema = z.object({ title: z.string(), excerpt: z.string(), text: z.string() });

export const SiteCheckSchema = z.discriminatedUnion('state', [
  /** Never published there, a target kind that is not compared, or the site still holds what Copydesk sent. */
  z.object({ state: z.enum(['not-published', 'unsupported', 'same']) }),
  z.object({ state: z.literal('unreachable'), message: z.string() }),
  /** Someone changed the article on the site since Copydesk published it. */
  z.object({ state: z.literal('changed'), published: SiteTextSchema, site: SiteTextSchema }),
]);
export type SiteCheck = z.infer<typeof SiteCheckSchema>;

export const siteChannels = {
  /** Reads the live article on the target and compares it with what Copydesk published there last. */
  'site:check': channel(z.object({ draftId: DraftId, targetId: TargetId }).strict(), SiteCheckSchema),
  /**
   * The answer to a changed site: 'keep' records the site's text as a History
   * version (its label is returned); 'overwrite' lets the update replace it.
   */
  'site:resolve': channel(
    z.object({ draftId: DraftId, targetId: TargetId, choice: z.enum(['keep', 'overwrite']) }).strict(),
    z.object({ label: z.string().nullable() }),
  ),
};
