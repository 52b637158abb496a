// The article model shared by every runtime. Pure TypeScript: no DOM, no Node.
import { z } from 'zod';
import { ImageRefSchema } from './image';
import { ARTICLE_TYPES, DRAFT_ID_PATTERN, DRAFT_STATUSES, LIMITS } from './articleVocabulary';

export {
  ARTICLE_TYPES,
  ARTICLE_TYPE_LABELS,
  DRAFT_ID_PATTERN,
  DRAFT_STATUSES,
  DRAFT_STATUS_LABELS,
  LIMITS,
  SETTABLE_STATUSES,
  displayHeadline,
  type ArticleType,
  type DraftStatus,
  type SettableStatus,
} from './articleVocabulary';

export const DraftIdSchema = z.string().regex(DRAFT_ID_PATTERN, 'not a draft id');

export const ArticleMetaSchema = z.object({
  kicker: z.string().max(LIMITS.shortField),
  headline: z.string().max(LIMITS.shortField),
  standfirst: z.string().max(LIMITS.standfirst),
  byline: z.string().max(LIMITS.shortField),
  bylineRole: z.string().max(LIMITS.shortField),
  articleType: z.enum(ARTICLE_TYPES),
  tags: z.array(z.string().min(1).max(LIMITS.tag)).max(LIMITS.tags),
  slug: z.string().max(LIMITS.slug),
  /** True once the editor typed a slug by hand; until then it follows the headline. */
  slugEdited: z.boolean(),
  /** Shown above the standfirst; caption, credit and alt text like any figure. */
  leadImage: ImageRefSchema.nullable(),
});
export type ArticleMeta = z.infer<typeof ArticleMetaSchema>;

export function emptyMeta(): ArticleMeta {
  return {
    kicker: '',
    headline: '',
    standfirst: '',
    byline: '',
    bylineRole: '',
    articleType: 'news',
    tags: [],
    slug: '',
    slugEdited: false,
    leadImage: null,
  };
}

/** One row of the drafts list. Times are epoch milliseconds. */
export const DraftSummarySchema = z.object({
  id: z.string(),
  headline: z.string(),
  articleType: z.enum(ARTICLE_TYPES),
  status: z.enum(DRAFT_STATUSES),
  updatedAt: z.number(),
  deletedAt: z.number().nullable(),
  wordCount: z.number(),
});
export type DraftSummary = z.infer<typeof DraftSummarySchema>;

/** A whole draft as the editor opens it. `body` is the versioned body envelope as a JSON string. */
export const DraftSchema = z.object({
  id: z.string(),
  meta: ArticleMetaSchema,
  body: z.string(),
  revision: z.number().int(),
  createdAt: z.number(),
  updatedAt: z.number(),
  deletedAt: z.number().nullable(),
  status: z.enum(DRAFT_STATUSES),
  /** The embargo of a Scheduled draft (epoch ms): publishing refuses to go live before it. */
  scheduledAt: z.number().nullable(),
});
export type Draft = z.infer<typeof DraftSchema>;
