// The article model shared by every runtime. Pure TypeScript: no DOM, no Node.
import { z } from 'zod';
import { ImageRefSchema } from './image';

/**
 * A draft's id: 8 to 64 characters from [A-Za-z0-9_-] (the store makes 22-character
 * base64url ids). The one declaration every channel and service derives from.
 */
export const DRAFT_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
export const DraftIdSchema = z.string().regex(DRAFT_ID_PATTERN, 'not a draft id');

export const ARTICLE_TYPES = ['news', 'opinion', 'analysis', 'feature'] as const;
export type ArticleType = (typeof ARTICLE_TYPES)[number];
export const ARTICLE_TYPE_LABELS: Record<ArticleType, string> = {
  news: 'News',
  opinion: 'Opinion',
  analysis: 'Analysis',
  feature: 'Feature',
};

/** Limits that both the form and the IPC schemas enforce. */
export const LIMITS = {
  shortField: 500,
  standfirst: 2_000,
  tags: 50,
  tag: 80,
  slug: 120,
  /** Serialized Lexical body (characters). 100k words is about 2 MB of JSON. */
  bodyJson: 40_000_000,
} as const;

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

/** The workflow, in order. "Published" and "Changed since publish" are set by publishing and editing. */
export const DRAFT_STATUSES = [
  'draft',
  'ready_for_edit',
  'ready_to_publish',
  'scheduled',
  'published',
  'changed',
] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];
export const DRAFT_STATUS_LABELS: Record<DraftStatus, string> = {
  draft: 'Draft',
  ready_for_edit: 'Ready for edit',
  ready_to_publish: 'Ready to publish',
  scheduled: 'Scheduled',
  published: 'Published',
  changed: 'Changed since publish',
};
/** The statuses an editor chooses; the other two follow from publishing. */
export const SETTABLE_STATUSES = ['draft', 'ready_for_edit', 'ready_to_publish', 'scheduled'] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

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

/** Headline shown for a draft that has none yet. */
export function displayHeadline(headline: string): string {
  const trimmed = headline.trim();
  return trimmed === '' ? 'Untitled' : trimmed;
}
