// The drafts list's sort orders and page sizes, without zod (the first screen
// reads them before the schemas load); search.ts builds its schemas from these.

export const DRAFT_SORTS = ['relevance', 'edited'] as const;
export type DraftSort = (typeof DRAFT_SORTS)[number];
export const DRAFT_SORT_LABELS: Record<DraftSort, string> = {
  relevance: 'Relevance',
  edited: 'Last edited',
};

/** Rows the list asks for when it does not say (one screenful and some). */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;
