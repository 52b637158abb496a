// The article's vocabulary: ids, types, statuses, limits and their labels.
// Declared once here, without zod, so the first screen can show them without
// loading the schemas; article.ts builds the schemas from these and re-exports them.

/**
 * A draft's id: 8 to 64 characters from [A-Za-z0-9_-] (the store makes 22-character
 * base64url ids). The one declaration every channel and service derives from.
 */
export const DRAFT_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

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

/** Headline shown for a draft that has none yet. */
export function displayHeadline(headline: string): string {
  const trimmed = headline.trim();
  return trimmed === '' ? 'Untitled' : trimmed;
}
