// @vitest-environment jsdom
// The drafts list (src-renderer/drafts/useDraftList.ts) while answers cross:
// a first-page refresh (pushed after a publish or a status change) and a
// "load more" in flight together, two refreshes, a search typed meanwhile, a
// new draft added meanwhile. Each request waits on a deferred the test
// settles in a chosen order; the hook's own timers (the first load's tick,
// the search debounce) are fake and advanced by hand, nothing sleeps. Every
// list the hook commits is recorded, and no row once shown may vanish or show
// twice unless the list was asked for something else (a new search).
import { act, createElement, useEffect } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DraftSummary } from '../../src-shared/article';
import { BRIDGE_GLOBAL, type CopydeskBridge, type Result } from '../../src-shared/ipc';
import type { DraftCursor, DraftListItem, DraftPage } from '../../src-shared/search';
import { MAX_PAGE_SIZE } from '../../src-shared/searchVocabulary';
import {
  firstScreenful,
  MORE_PAGE_SIZE,
  useDraftList,
  type DraftListState,
} from '../../src-renderer/drafts/useDraftList';

interface ListInput {
  query?: string;
  limit: number;
  after?: DraftCursor;
}

interface Request {
  input: ListInput;
  /** The answer as the store would give it when asked (computed at request time). */
  answer: Result<DraftPage>;
  settle(): void;
  settled: boolean;
}

function item(id: string, headline: string, updatedAt: number): DraftListItem {
  return {
    id,
    headline,
    kicker: '',
    articleType: 'news',
    status: 'draft',
    updatedAt,
    deletedAt: null,
    wordCount: 0,
  };
}

/** The store's drafts. Odd-numbered ones are about the budget. */
let store: DraftListItem[];
let requests: Request[];
let problems: string[];
/** Every list of ids the hook committed, in order. */
let commits: string[][];
/** Indexes of the commits that show a new search: rows from before it may go there. */
let searches: number[];
let latest: DraftListState;
let root: Root;

/**
 * One page as drafts:list answers it: the whole list newest edit first, paged
 * by keyset on (updatedAt, id); a search by rank (here: the matches newest
 * first), paged by position.
 */
function page(input: ListInput): DraftPage {
  const newestFirst = [...store].sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : -1));
  const after = input.after;
  if (input.query !== undefined) {
    const query = input.query.toLowerCase();
    const rows = newestFirst.filter((d) => d.headline.toLowerCase().includes(query));
    const start = after !== undefined && 'offset' in after ? after.offset : 0;
    const drafts = rows.slice(start, start + input.limit);
    const end = start + drafts.length;
    return { drafts, next: end < rows.length ? { offset: end } : null };
  }
  const start =
    after === undefined || !('at' in after)
      ? 0
      : newestFirst.findIndex((d) => d.updatedAt < after.at || (d.updatedAt === after.at && d.id < after.id));
  const rows = start === -1 ? [] : newestFirst.slice(start);
  const drafts = rows.slice(0, input.limit);
  const last = drafts.at(-1);
  return {
    drafts,
    next: last !== undefined && rows.length > drafts.length ? { at: last.updatedAt, id: last.id } : null,
  };
}

function Harness(): null {
  const state = useDraftList((message) => problems.push(message));
  useEffect(() => {
    latest = state;
  });
  useEffect(() => {
    if (state.items !== null) commits.push(state.items.map((d) => d.id));
  }, [state.items]);
  return null;
}

/** Lets every promise callback that can run, run (no timers). */
async function drainMicrotasks(): Promise<void> {
  for (let i = 0; i < 50; i += 1) await Promise.resolve();
}

async function settle(request: Request | undefined): Promise<void> {
  if (request === undefined) throw new Error('no such request in flight');
  await act(async () => {
    request.settle();
    await drainMicrotasks();
  });
}

/** Settles what is in flight, oldest first, and what that asks for, until nothing is. */
async function settleAll(): Promise<void> {
  for (let guard = 0; guard < 100; guard += 1) {
    const open = requests.find((r) => !r.settled);
    if (open === undefined) return;
    await settle(open);
  }
  throw new Error('the list kept asking');
}

async function run(action: (list: DraftListState) => void): Promise<void> {
  await act(async () => {
    action(latest);
    await drainMicrotasks();
  });
}

const inFlight = (): Request[] => requests.filter((r) => !r.settled);
const isMore = (r: Request): boolean => r.input.after !== undefined;
const isFirst = (r: Request): boolean => r.input.after === undefined;
const shown = (): string[] => commits.at(-1) ?? [];

/** The store's first `count` rows (all of them if fewer), as ids. */
function storePrefix(count: number, query?: string): string[] {
  return page({ limit: count, ...(query === undefined ? {} : { query }) }).drafts.map((d) => d.id);
}

/**
 * No commit has the same row twice, and each keeps every row the one before
 * showed (in the same search), except rows the store no longer has.
 */
function expectNoRowVanishedOrRepeated(): void {
  const present = new Set(store.map((d) => d.id));
  commits.forEach((ids, index) => {
    expect(new Set(ids).size, `commit ${index} repeats a row`).toBe(ids.length);
    if (index === 0 || searches.includes(index)) return;
    const now = new Set(ids);
    const lost = commits[index - 1]!.filter((id) => present.has(id) && !now.has(id));
    expect(lost, `commit ${index} dropped rows shown by commit ${index - 1}`).toEqual([]);
  });
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  (globalThis as Record<string, unknown>).IS_REACT_ACT_ENVIRONMENT = true;
  store = Array.from({ length: 700 }, (_, n) =>
    item(`d${String(n).padStart(3, '0')}`, n % 2 === 1 ? `Budget story ${n}` : `Story ${n}`, 100_000 - n),
  );
  requests = [];
  problems = [];
  commits = [];
  searches = [];
  const bridge: CopydeskBridge = {
    shell: 'browser',
    invoke: (channel, input) => {
      if (channel !== 'drafts:list') return Promise.reject(new Error(`unexpected ${channel}`));
      return new Promise((resolve) => {
        const listInput = input as ListInput;
        const request: Request = {
          input: listInput,
          answer: { ok: true, value: page(listInput) },
          settled: false,
          settle: () => {
            request.settled = true;
            resolve(request.answer);
          },
        };
        requests.push(request);
      });
    },
    on: () => () => undefined,
  };
  (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL] = bridge;
  root = createRoot(document.createElement('div'));
  await act(async () => {
    root.render(createElement(Harness));
    await drainMicrotasks();
  });
  // The first load waits one tick (a zero-delay timer) after the first render.
  await act(async () => {
    vi.advanceTimersByTime(0);
    await drainMicrotasks();
  });
  await settleAll();
  expect(shown()).toEqual(storePrefix(firstScreenful()));
});

afterEach(() => {
  act(() => root.unmount());
  vi.useRealTimers();
  delete (window as unknown as Record<string, unknown>)[BRIDGE_GLOBAL];
});

describe('drafts list: a refresh and a load more in flight together', () => {
  it('keeps the rows a load more appended while a refresh was in flight (refresh asked first, load more lands first)', async () => {
    const screen = firstScreenful();
    await run((list) => list.refresh());
    await run((list) => list.loadMore());
    // The load more's answer, if one was asked for, lands before the refresh's.
    const more = inFlight().find(isMore);
    if (more !== undefined) await settle(more);
    await settle(inFlight().find(isFirst));
    await settleAll();

    expect(problems).toEqual([]);
    expectNoRowVanishedOrRepeated();
    expect(shown()).toEqual(storePrefix(screen + MORE_PAGE_SIZE));
  });

  it('appends after the refreshed rows when the refresh lands first', async () => {
    const screen = firstScreenful();
    // A draft comes in (an import, a restore) and is now the newest: the refresh's
    // first screenful ends one row earlier than the rows shown.
    store = [item('fresh', 'Fresh story', 200_000), ...store];
    await run((list) => list.refresh());
    await run((list) => list.loadMore());
    await settle(inFlight().find(isFirst));
    await settleAll();

    expectNoRowVanishedOrRepeated();
    // The rows shown are the store's as it is now, in order, with nothing skipped.
    expect(shown()).toEqual(storePrefix(shown().length));
    expect(shown().length).toBeGreaterThanOrEqual(screen + MORE_PAGE_SIZE);
  });

  it('still loads the next page when a refresh starts while a load more is in flight', async () => {
    const screen = firstScreenful();
    await run((list) => list.loadMore());
    await run((list) => list.refresh());
    // The refresh's answer lands first; the load more's after it.
    await settle(inFlight().find(isFirst));
    await settleAll();

    expectNoRowVanishedOrRepeated();
    expect(shown()).toEqual(storePrefix(screen + MORE_PAGE_SIZE));
  });

  it('keeps every row shown when a refresh covers more than one page of the service (MAX_PAGE_SIZE)', async () => {
    while (shown().length <= MAX_PAGE_SIZE) {
      await run((list) => list.loadMore());
      await settleAll();
    }
    const before = shown().length;
    await run((list) => list.refresh());
    await settleAll();

    expectNoRowVanishedOrRepeated();
    expect(shown()).toEqual(storePrefix(before));
    expect(requests.every((r) => r.input.limit <= MAX_PAGE_SIZE)).toBe(true);
  });

  it('drops the older of two refreshes when it lands last, and keeps the row a new draft pushed past the end', async () => {
    await run((list) => list.refresh());
    const older = inFlight().find(isFirst);
    store = [item('fresh', 'Fresh story', 200_000), ...store];
    await run((list) => list.refresh());
    const newer = inFlight().find((r) => r !== older && isFirst(r));
    await settle(newer);
    await settle(older);
    await settleAll();

    expectNoRowVanishedOrRepeated();
    expect(shown()[0]).toBe('fresh');
  });

  it('keeps a draft added while a refresh (asked before it existed) is in flight', async () => {
    await run((list) => list.refresh());
    const created = item('new-one', '', 300_000);
    store = [created, ...store];
    const summary: DraftSummary = { ...created };
    await run((list) => list.added(summary, ''));
    expect(shown()[0]).toBe('new-one');
    await settleAll();

    expectNoRowVanishedOrRepeated();
    expect(shown()[0]).toBe('new-one');
  });

  it('never mixes rows of the old list and a new search typed while a load more is in flight', async () => {
    await run((list) => list.loadMore());
    await run((list) => list.setQuery('budget'));
    await settleAll();
    // And another load more while the search waits out its debounce.
    await run((list) => list.loadMore());
    await settleAll();
    searches.push(commits.length);
    await act(async () => {
      vi.advanceTimersByTime(150);
      await drainMicrotasks();
    });
    await settleAll();

    for (const ids of commits) {
      const all = storePrefix(ids.length);
      const budget = storePrefix(ids.length, 'budget');
      expect([all, budget], `a commit mixes two lists: ${ids.join(' ')}`).toContainEqual(ids);
    }
    expectNoRowVanishedOrRepeated();
    expect(shown()).toEqual(storePrefix(firstScreenful(), 'budget'));
  });

  it('asks for the new search when a refresh comes while that search is on its way', async () => {
    await run((list) => list.setQuery('budget'));
    await act(async () => {
      vi.advanceTimersByTime(150);
      await drainMicrotasks();
    });
    const search = inFlight().find(isFirst);
    expect(search?.input.query).toBe('budget');
    searches.push(commits.length);
    await run((list) => list.refresh());
    expect(inFlight().every((r) => r.input.query === 'budget')).toBe(true);
    await settle(search);
    await settleAll();

    expectNoRowVanishedOrRepeated();
    expect(shown()).toEqual(storePrefix(firstScreenful(), 'budget'));
  });
});
