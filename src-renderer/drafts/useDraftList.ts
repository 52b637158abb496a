// The drafts list's state: what is searched and filtered, the rows loaded so
// far, and the cursor of the next page. The list asks for what it shows: a
// first screenful, then one page more whenever scrolling nears the end.
// While a new search or filter is on its way the previous rows stay on screen
// (no flash of an empty list); answers that arrive after a newer request was
// made are dropped.
import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { DraftSummary } from '../../src-shared/article';
import type { DraftCursor, DraftFilters, DraftListItem, DraftSort } from '../../src-shared/search';
import { MAX_PAGE_SIZE } from '../../src-shared/searchVocabulary';
import { FIRST_PAGE_REQUESTED_MARK } from '../../src-shared/timing';
import { call } from '../api';
import type { SavedInfo } from '../autosave/draftSession';

/** Height of one row in the list, without and with a search snippet (px). */
export const ROW_HEIGHT = 76;
export const ROW_HEIGHT_WITH_SNIPPET = 116;
/** Rows per page after the first screenful. */
export const MORE_PAGE_SIZE = 50;
const SEARCH_DEBOUNCE_MS = 150;

/**
 * One screenful of rows, from the window's height, and a few more: more than
 * the list renders beyond the visible rows (DraftList's overscan), so the
 * first paint does not at once ask for a second page.
 */
export function firstScreenful(): number {
  return Math.min(MAX_PAGE_SIZE, Math.ceil(window.innerHeight / ROW_HEIGHT) + 8);
}

type ListResult = Awaited<ReturnType<typeof call<'drafts:list'>>>;
let startupPage: { limit: number; result: Promise<ListResult> } | null = null;

/**
 * Asks for the unfiltered list's first screenful before React renders
 * anything (main.tsx calls it first), so the answer travels while the app's
 * first render runs; the list's first load takes it instead of asking again
 * (unless the window's height or the search changed meanwhile). Measured:
 * the 10,000-draft list's first item painted 174/183 ms after a reload
 * against 197/223 ms when the list asked after its first render.
 */
export function requestStartupPage(): void {
  const limit = firstScreenful();
  performance.mark(FIRST_PAGE_REQUESTED_MARK);
  startupPage = { limit, result: call('drafts:list', { limit }) };
}

interface Shape {
  query: string;
  filters: DraftFilters;
  sort: DraftSort;
}

export interface DraftListState {
  /** null until the first answer. */
  items: DraftListItem[] | null;
  hasMore: boolean;
  query: string;
  filters: DraftFilters;
  sort: DraftSort;
  /** A search or a filter narrows the list. */
  narrowed: boolean;
  setQuery(query: string): void;
  setFilters(filters: DraftFilters): void;
  setSort(sort: DraftSort): void;
  /** Back to every draft, newest first (used by New draft). */
  showAll(): void;
  loadMore(): void;
  /** Asks again for what is shown now (after a publish, delete, restore). */
  refresh(): void;
  /** An autosave landed: move the draft to the top, or search again when narrowed. */
  saved(info: SavedInfo): void;
  removed(id: string): void;
  added(summary: DraftSummary, kicker: string): void;
}

function isNarrowed(shape: Shape): boolean {
  return shape.query.trim() !== '' || Object.values(shape.filters).some((value) => value !== undefined);
}

export function useDraftList(onProblem: (message: string) => void): DraftListState {
  const [shape, setShape] = useState<Shape>({ query: '', filters: {}, sort: 'relevance' });
  const [items, setItems] = useState<DraftListItem[] | null>(null);
  const [next, setNext] = useState<DraftCursor | null>(null);
  // Callbacks read the latest state through refs, synced after each render.
  const shapeRef = useRef(shape);
  const itemsRef = useRef(items);
  const nextRef = useRef(next);
  /** Bumped by every new request for a first page; older answers are dropped. */
  const generation = useRef(0);
  const loadingMore = useRef(false);
  const refreshTimer = useRef<number | undefined>(undefined);
  const firstLoad = useRef(true);
  const problem = useRef(onProblem);
  useEffect(() => {
    shapeRef.current = shape;
    itemsRef.current = items;
    nextRef.current = next;
    problem.current = onProblem;
  });

  const input = (current: Shape, limit: number, after?: DraftCursor) => {
    const query = current.query.trim();
    return {
      ...(query === '' ? {} : { query, sort: current.sort }),
      ...(Object.keys(current.filters).length === 0 ? {} : { filters: current.filters }),
      limit,
      ...(after === undefined ? {} : { after }),
    };
  };

  const load = useCallback(async (limit: number): Promise<void> => {
    const gen = ++generation.current;
    const early = startupPage;
    startupPage = null;
    const current = shapeRef.current;
    const result =
      early !== null && early.limit === limit && !isNarrowed(current)
        ? await early.result
        : await call('drafts:list', input(current, limit));
    if (gen !== generation.current) return;
    if (!result.ok) {
      problem.current(result.error.message);
      return;
    }
    setItems(result.value.drafts);
    setNext(result.value.next);
  }, []);

  useEffect(() => {
    const delay = firstLoad.current ? 0 : SEARCH_DEBOUNCE_MS;
    firstLoad.current = false;
    const timer = window.setTimeout(() => void load(firstScreenful()), delay);
    return () => window.clearTimeout(timer);
  }, [shape, load]);

  const refresh = useCallback(() => {
    const shown = Math.max(firstScreenful(), itemsRef.current?.length ?? 0);
    void load(Math.min(MAX_PAGE_SIZE, shown));
  }, [load]);

  const refreshSoon = useCallback(() => {
    window.clearTimeout(refreshTimer.current);
    refreshTimer.current = window.setTimeout(refresh, 400);
  }, [refresh]);
  useEffect(() => () => window.clearTimeout(refreshTimer.current), []);

  const loadMore = useCallback(() => {
    const after = nextRef.current;
    if (after === null || loadingMore.current) return;
    loadingMore.current = true;
    const gen = generation.current;
    void call('drafts:list', input(shapeRef.current, MORE_PAGE_SIZE, after)).then((result) => {
      loadingMore.current = false;
      if (gen !== generation.current) return;
      if (!result.ok) {
        problem.current(result.error.message);
        return;
      }
      setItems((current) => {
        const have = new Set((current ?? []).map((item) => item.id));
        return [...(current ?? []), ...result.value.drafts.filter((item) => !have.has(item.id))];
      });
      setNext(result.value.next);
    });
  }, []);

  const saved = useCallback(
    (info: SavedInfo) => {
      if (isNarrowed(shapeRef.current)) {
        refreshSoon();
        return;
      }
      // A low-priority render: autosaves land every half second while someone types, and a
      // keystroke arriving meanwhile is handled and painted before the list catches up.
      startTransition(() =>
        setItems((current) => {
          if (current === null) return current;
          const index = current.findIndex((d) => d.id === info.id);
          if (index === -1) return current;
          const previous = current[index]!;
          const updated: DraftListItem = {
            ...previous,
            headline: info.meta.headline,
            kicker: info.meta.kicker,
            articleType: info.meta.articleType,
            updatedAt: info.updatedAt,
            wordCount: info.wordCount,
            status: previous.status === 'published' ? 'changed' : previous.status,
          };
          const nextItems = current.slice();
          nextItems.splice(index, 1);
          nextItems.unshift(updated);
          return nextItems;
        }),
      );
    },
    [refreshSoon],
  );

  return {
    items,
    hasMore: next !== null,
    query: shape.query,
    filters: shape.filters,
    sort: shape.sort,
    narrowed: isNarrowed(shape),
    setQuery: useCallback((query: string) => setShape((s) => ({ ...s, query })), []),
    setFilters: useCallback((filters: DraftFilters) => setShape((s) => ({ ...s, filters })), []),
    setSort: useCallback((sort: DraftSort) => setShape((s) => ({ ...s, sort })), []),
    showAll: useCallback(
      () => setShape((s) => (isNarrowed(s) ? { query: '', filters: {}, sort: s.sort } : s)),
      [],
    ),
    loadMore,
    refresh,
    saved,
    removed: useCallback((id: string) => {
      setItems((current) => current?.filter((item) => item.id !== id) ?? null);
    }, []),
    added: useCallback((summary: DraftSummary, kicker: string) => {
      setItems((current) => [{ ...summary, kicker }, ...(current ?? []).filter((d) => d.id !== summary.id)]);
    }, []),
  };
}
