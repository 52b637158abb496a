// What the drafts list asks for and gets back: filters, sort order, keyset
// cursors and highlighted snippets. Pure TypeScript shared by main and renderer.
import { z } from 'zod';
import { ARTICLE_TYPES, DRAFT_ID_PATTERN, DRAFT_STATUSES, DraftSummarySchema, LIMITS } from './article';

export {
  DEFAULT_PAGE_SIZE,
  DRAFT_SORTS,
  DRAFT_SORT_LABELS,
  MAX_PAGE_SIZE,
  type DraftSort,
} from './searchVocabulary';

export const DraftFiltersSchema = z
  .object({
    status: z.enum(DRAFT_STATUSES).optional(),
    articleType: z.enum(ARTICLE_TYPES).optional(),
    /** Exact kicker (section), as listed by drafts:sections. */
    kicker: z.string().max(LIMITS.shortField).optional(),
    /** Last edited at or after this time (epoch ms). */
    editedFrom: z.number().int().min(0).optional(),
    /** Last edited before this time (epoch ms). */
    editedBefore: z.number().int().min(0).optional(),
  })
  .strict();
export type DraftFilters = z.infer<typeof DraftFiltersSchema>;

/**
 * Where the next page starts. Lists in last-edited order (and the trash, in
 * deletion order) page by keyset: the time and id of the last row shown.
 * Relevance-ranked search results page by position.
 */
export const DraftCursorSchema = z.union([
  z.object({ at: z.number(), id: z.string().regex(DRAFT_ID_PATTERN) }).strict(),
  z.object({ offset: z.number().int().min(1).max(1_000_000) }).strict(),
]);
export type DraftCursor = z.infer<typeof DraftCursorSchema>;

/** A piece of a snippet: text as stored, and whether it is a matched word. Never HTML. */
export const SnippetPartSchema = z.object({ text: z.string(), match: z.boolean() });
export type SnippetPart = z.infer<typeof SnippetPartSchema>;

export const DraftListItemSchema = DraftSummarySchema.extend({
  kicker: z.string(),
  /** The headline with the matched words marked, when a search matched in it. */
  headlineParts: z.array(SnippetPartSchema).optional(),
  /** Where else a search matched (a stretch of text with the matched words marked); only on search results. */
  snippet: z.array(SnippetPartSchema).optional(),
});
export type DraftListItem = z.infer<typeof DraftListItemSchema>;

export const DraftPageSchema = z.object({
  drafts: z.array(DraftListItemSchema),
  /** Ask again with this cursor for the next page; null when this was the last. */
  next: DraftCursorSchema.nullable(),
});
export type DraftPage = z.infer<typeof DraftPageSchema>;

export const SNIPPET_OPEN = '\u0001';
export const SNIPPET_CLOSE = '\u0002';

/** Splits FTS5 snippet() output (marks written as SNIPPET_OPEN/SNIPPET_CLOSE) into parts. */
export function snippetParts(raw: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  let text = '';
  const push = (): void => {
    if (text !== '') parts.push({ text, match });
    text = '';
  };
  for (const char of raw) {
    if (char === SNIPPET_OPEN || char === SNIPPET_CLOSE) {
      push();
      match = char === SNIPPET_OPEN;
    } else text += char;
  }
  push();
  return parts;
}
