// The drafts list's sort orders and page sizes, without zod (the first screen
// reads them before the schemas load). The drafts:list channel's schema is
// built from DRAFT_SORTS; search.ts re-exports all of them.

export const DRAFT_SORTS = ['relevance', 'edited'] as const;
export type DraftSort = (typeof DRAFT_SORTS)[number];
export const DRAFT_SORT_LABELS: Record<DraftSort, string> = {
  relevance: 'Relevance',
  edited: 'Last edited',
};

/** Rows the list asks for when it does not say (one screenful and some). */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;
