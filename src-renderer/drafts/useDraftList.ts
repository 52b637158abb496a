// The drafts list's state: what is searched and filtered, the rows loaded so
// far, and the cursor of the next page. The list asks for what it shows: a
// first screenful, then one page more whenever scrolling nears the end.
// While a new search or filter is on its way the previous rows stay on screen
// (no flash of an empty list); answers that arrive after a newer request was
// made are dropped.
//
// A refresh (a pushed event: a publish settled, a status changed) asks again
// for every row shown, and shows its answer in their place. Its answer and a
// load more's may cross, so: a load more asked for while a first page is on
// its way waits for it and then continues from its cursor; a load more in
// flight when a first page is asked for is dropped, and after a refresh asked
// again; a refresh whose answer misses a row shown (a draft came in above it
// and pushed it past the end) asks one page more; and what the list did
// meanwhile (added, removed, saved) is done again on its answer. So a row
// shown never vanishes or shows twice because answers crossed.
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

/** A change the list makes itself (a draft added, removed, saved): kept to be made again on a first page that was on its way. */
type Edit = (items: DraftListItem[] | null) => DraftListItem[] | null;

interface Rows {
  /** null until the first answer. */
  items: DraftListItem[] | null;
  next: DraftCursor | null;
}

function withoutRepeats(have: DraftListItem[], more: DraftListItem[]): DraftListItem[] {
  const ids = new Set(have.map((item) => item.id));
  return [...have, ...more.filter((item) => !ids.has(item.id))];
}

export function useDraftList(onProblem: (message: string) => void): DraftListState {
  const [shape, setShape] = useState<Shape>({ query: '', filters: {}, sort: 'relevance' });
  const [rows, setRows] = useState<Rows>({ items: null, next: null });
  /** The rows as last set, ahead of React's render: what refresh and loadMore read. */
  const rowsRef = useRef(rows);
  /** What the rows shown answer; a load more continues it, even while a new search waits out its debounce. */
  const shownShape = useRef(shape);
  /** What the newest first page asked for (what is shown, unless a new search is on its way). */
  const askedShape = useRef(shape);
  /** Bumped by every new request for a first page; older answers are dropped. */
  const generation = useRef(0);
  /** Not null while the newest first page is on its way: the edits made since it was asked for. */
  const editsSince = useRef<Edit[] | null>(null);
  /** The load more in flight; a first page asked for meanwhile drops it. */
  const moreInFlight = useRef<object | null>(null);
  /** A load more is to be asked for once the first page on its way lands. */
  const moreWanted = useRef(false);
  const refreshTimer = useRef<number | undefined>(undefined);
  const firstLoad = useRef(true);
  const problem = useRef(onProblem);
  useEffect(() => {
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

  const show = useCallback((next: Rows) => {
    rowsRef.current = next;
    setRows(next);
  }, []);

  const edit = useCallback(
    (change: Edit) => {
      editsSince.current?.push(change);
      show({ ...rowsRef.current, items: change(rowsRef.current.items) });
    },
    [show],
  );

  const loadMore = useCallback(() => {
    if (editsSince.current !== null) {
      moreWanted.current = true;
      return;
    }
    const after = rowsRef.current.next;
    if (after === null || moreInFlight.current !== null) return;
    const request = {};
    moreInFlight.current = request;
    void call('drafts:list', input(shownShape.current, MORE_PAGE_SIZE, after)).then((result) => {
      if (moreInFlight.current !== request) return;
      moreInFlight.current = null;
      if (!result.ok) {
        problem.current(result.error.message);
        return;
      }
      show({
        items: withoutRepeats(rowsRef.current.items ?? [], result.value.drafts),
        next: result.value.next,
      });
    });
  }, [show]);

  /**
   * Asks for the first `limit` rows of `current`, in pages the service
   * allows, and shows them in place of the rows shown. `again` is a refresh:
   * `current` is what is shown, so a load more it drops is asked for again
   * once it lands, a row shown that its answer pushed past the end (a draft
   * came in above it) is fetched with one page more, and the edits made while
   * it was on its way are made again on it.
   */
  const load = useCallback(
    async (current: Shape, limit: number, again: boolean): Promise<void> => {
      const gen = ++generation.current;
      askedShape.current = current;
      editsSince.current = [];
      moreWanted.current = again && (moreWanted.current || moreInFlight.current !== null);
      moreInFlight.current = null;
      const shownIds = again ? (rowsRef.current.items ?? []).map((item) => item.id) : [];
      const early = startupPage;
      startupPage = null;
      let result = await (early !== null && early.limit === limit && !isNarrowed(current)
        ? early.result
        : call('drafts:list', input(current, Math.min(MAX_PAGE_SIZE, limit))));
      let drafts: DraftListItem[] = [];
      let onePageMore = again;
      while (gen === generation.current && result.ok) {
        drafts = withoutRepeats(drafts, result.value.drafts);
        const { next } = result.value;
        if (next === null || result.value.drafts.length === 0) break;
        let ask = Math.min(MAX_PAGE_SIZE, limit - drafts.length);
        if (ask <= 0) {
          const have = new Set(drafts.map((item) => item.id));
          if (!onePageMore || shownIds.every((id) => have.has(id))) break;
          onePageMore = false;
          ask = MORE_PAGE_SIZE;
        }
        result = await call('drafts:list', input(current, ask, next));
      }
      if (gen !== generation.current) return;
      const edits = editsSince.current ?? [];
      editsSince.current = null;
      const wanted = moreWanted.current;
      moreWanted.current = false;
      if (result.ok) {
        shownShape.current = current;
        const items = again
          ? edits.reduce<DraftListItem[] | null>((rows, change) => change(rows), drafts)
          : drafts;
        show({ items, next: result.value.next });
      } else {
        problem.current(result.error.message);
      }
      if (wanted) loadMore();
    },
    [show, loadMore],
  );

  useEffect(() => {
    const delay = firstLoad.current ? 0 : SEARCH_DEBOUNCE_MS;
    firstLoad.current = false;
    const timer = window.setTimeout(() => void load(shape, firstScreenful(), false), delay);
    return () => window.clearTimeout(timer);
  }, [shape, load]);

  const refresh = useCallback(() => {
    // While a new search is on its way, asks for it afresh: its rows are not shown yet.
    const current = askedShape.current;
    if (current !== shownShape.current) {
      void load(current, firstScreenful(), false);
      return;
    }
    void load(current, Math.max(firstScreenful(), rowsRef.current.items?.length ?? 0), true);
  }, [load]);

  const refreshSoon = useCallback(() => {
    window.clearTimeout(refreshTimer.current);
    refreshTimer.current = window.setTimeout(refresh, 400);
  }, [refresh]);
  useEffect(() => () => window.clearTimeout(refreshTimer.current), []);

  const saved = useCallback(
    (info: SavedInfo) => {
      if (isNarrowed(shownShape.current)) {
        refreshSoon();
        return;
      }
      // A low-priority render: autosaves land every half second while someone types, and a
      // keystroke arriving meanwhile is handled and painted before the list catches up.
      startTransition(() =>
        edit((current) => {
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
    [refreshSoon, edit],
  );

  return {
    items: rows.items,
    hasMore: rows.next !== null,
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
    removed: useCallback(
      (id: string) => edit((current) => current?.filter((item) => item.id !== id) ?? null),
      [edit],
    ),
    added: useCallback(
      (summary: DraftSummary, kicker: string) =>
        edit((current) => [{ ...summary, kicker }, ...(current ?? []).filter((d) => d.id !== summary.id)]),
      [edit],
    ),
  };
}
