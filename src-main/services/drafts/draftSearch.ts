// The drafts list and search: one page at a time, filtered, in last-edited
// order (keyset on updated_at, id) or, for a search, by relevance (bm25 with
// the headline above the standfirst above the body). The index itself is kept
// by triggers on the drafts table (migrations/0007-search.ts), so it is exact
// in the transaction of every write, whoever writes.
import type Database from 'better-sqlite3';
import type { ArticleType, DraftStatus } from '../../../src-shared/article';
import {
  DEFAULT_PAGE_SIZE,
  SNIPPET_CLOSE,
  SNIPPET_OPEN,
  snippetParts,
  type DraftCursor,
  type DraftFilters,
  type DraftListItem,
  type DraftPage,
  type DraftSort,
} from '../../../src-shared/search';
import { AppFailure } from '../../../src-shared/ipc';
import { buildFtsSearch, type FtsSearch } from './ftsQuery';

export interface DraftListOptions {
  /** What was typed in "Search drafts"; blank lists everything. */
  query?: string;
  /** The trash instead of live drafts (newest deletion first). */
  trash?: boolean;
  filters?: DraftFilters;
  /** Relevance applies to a search only; a list without one is always newest edit first. */
  sort?: DraftSort;
  limit?: number;
  after?: DraftCursor;
}

/**
 * bm25 weight of each column of drafts_fts, in its column order (kicker,
 * headline, standfirst, byline, tags, body_text, images).
 */
export const SEARCH_WEIGHTS = {
  kicker: 4,
  headline: 10,
  standfirst: 5,
  byline: 3,
  tags: 4,
  body_text: 1,
  images: 2,
} as const;
/**
 * The score of a hit, as an ordinary column of the query. Not `rank MATCH`:
 * FTS5's own ORDER BY rank scores every match and ignores a rowid bound, so
 * the rank window below would not bound it (measured: a prefix in 40,000
 * drafts took 400 ms to rank that way, 50 ms scored over its window).
 */
const SCORE = `bm25(drafts_fts, ${Object.values(SEARCH_WEIGHTS).join(', ')})`;
/**
 * A search that matches more drafts than this ranks the newest this many of
 * them (by when they were created): scoring every one of 100,000 matches of a
 * very common word costs more than a keystroke. A phrase is ranked among the
 * newest drafts holding its words, a filtered search among the newest that
 * pass its filters when too few of the newest do (rankFloor). Sorting by last
 * edit always considers every match.
 */
export const RANK_WINDOW = 4_000;
/** See rankFloor: the fewest hits a rank window may hold before it is widened. */
export const WINDOW_MIN_HITS = 50;
const SNIPPET_TOKENS = 10;

interface PickRow {
  seq: number;
  id: string;
  at: number | null;
}

interface ItemRow {
  seq: number;
  id: string;
  headline: string;
  kicker: string;
  article_type: ArticleType;
  status: DraftStatus;
  updated_at: number;
  deleted_at: number | null;
  word_count: number;
}

const ITEM_COLUMNS =
  'd.seq, d.id, d.headline, d.kicker, d.article_type, d.status, d.updated_at, d.deleted_at, d.word_count';

export interface DraftSearch {
  page(options?: DraftListOptions): DraftPage;
  /** Distinct kickers of live drafts, for the section filter. */
  sections(): { kicker: string; count: number }[];
}

export function createDraftSearch(
  db: Database.Database,
  {
    rankWindow = RANK_WINDOW,
    windowMinHits = WINDOW_MIN_HITS,
  }: { rankWindow?: number; windowMinHits?: number } = {},
): DraftSearch {
  const cache = new Map<string, Database.Statement<Record<string, unknown>, PickRow>>();
  const prepared = (sql: string): Database.Statement<Record<string, unknown>, PickRow> => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare<Record<string, unknown>, PickRow>(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  const items = db.prepare<[string], ItemRow>(
    `SELECT ${ITEM_COLUMNS} FROM drafts AS d WHERE d.seq IN (SELECT value FROM json_each(?))`,
  );
  // The rowid of the rankWindow-th newest match, when there are that many: one pass over the doclists.
  const windowFloor = db.prepare<{ match: string }, { seq: number }>(
    `SELECT rowid AS seq FROM drafts_fts WHERE drafts_fts MATCH @match
     ORDER BY rowid DESC LIMIT 1 OFFSET ${Math.max(0, Math.floor(rankWindow) - 1)}`,
  );
  // The rowid from which a search is ranked. The newest rankWindow drafts
  // that hold every word of the query (without checking a phrase's word
  // order, which FTS5 does by reading positions draft by draft), unfiltered:
  // one cheap pass. When that window holds fewer than WINDOW_MIN_HITS drafts
  // that match the whole query and pass the filters (a phrase of common words
  // that is itself rare, a filter or the trash that leaves few of them), the
  // window is the newest rankWindow drafts that do. Decided on the window,
  // not on the page, so every page of one search decides alike.
  const rankFloor = (
    search: FtsSearch,
    filtered: boolean,
    filters: { where: string[]; params: Record<string, unknown> },
  ): number | undefined => {
    const floor = windowFloor.get({ match: search.words ?? search.match })?.seq;
    if (floor === undefined || (!filtered && search.words === null)) return floor;
    const joined = `FROM drafts_fts AS f CROSS JOIN drafts AS d INDEXED BY drafts_search_cover ON d.seq = f.rowid
      WHERE ${['drafts_fts MATCH @match', ...filters.where].join(' AND ')}`;
    const params = { ...filters.params, match: search.match };
    const hits = prepared(
      `SELECT count(*) AS seq, NULL AS id, NULL AS at FROM (SELECT 1 ${joined}
         AND f.rowid >= CAST(@floor AS INTEGER) LIMIT ${Math.max(1, Math.floor(windowMinHits))})`,
    ).get({ ...params, floor })?.seq;
    if ((hits ?? 0) >= windowMinHits) return floor;
    return prepared(
      `SELECT f.rowid AS seq, NULL AS id, NULL AS at ${joined}
       ORDER BY f.rowid DESC LIMIT 1 OFFSET ${Math.max(0, Math.floor(rankWindow) - 1)}`,
    ).get(params)?.seq;
  };
  // The marks of a whole page in one pass over the match, after the page is
  // picked (in the pick, SQLite would make them for every row it sorts): a
  // prefix is expanded once, not once a row. The unary + keeps the page's rowids out of FTS5's
  // plan (one lookup per row) and filters the match's rows instead, so
  // snippet() runs for the page's rows only. (CAST: better-sqlite3 binds
  // numbers as REAL, and FTS5 ignores a REAL rowid bound.)
  const marksOf = db.prepare<
    { match: string; seqs: string; min: number; max: number },
    { seq: number; headline: string; snippet: string }
  >(
    `SELECT rowid AS seq, highlight(drafts_fts, 1, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}') AS headline,
            snippet(drafts_fts, -1, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '…', ${SNIPPET_TOKENS}) AS snippet
     FROM drafts_fts WHERE drafts_fts MATCH @match
       AND rowid >= CAST(@min AS INTEGER) AND rowid <= CAST(@max AS INTEGER)
       AND +rowid IN (SELECT value FROM json_each(@seqs))`,
  );
  // Without a prefix term, the marks are cheaper row by row: FTS5 seeks each
  // word's list to the row, where one pass would walk the lists between the
  // page's lowest and highest rows (for a phrase of common words, nearly all).
  const marksAt = db.prepare<
    { match: string; seq: number },
    { seq: number; headline: string; snippet: string }
  >(
    `SELECT rowid AS seq, highlight(drafts_fts, 1, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}') AS headline,
            snippet(drafts_fts, -1, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '…', ${SNIPPET_TOKENS}) AS snippet
     FROM drafts_fts WHERE drafts_fts MATCH @match AND rowid = CAST(@seq AS INTEGER)`,
  );
  const sections = db.prepare<[], { kicker: string; count: number }>(
    `SELECT kicker, count(*) AS count FROM drafts WHERE deleted_at IS NULL AND kicker <> ''
     GROUP BY kicker ORDER BY kicker COLLATE NOCASE`,
  );

  return {
    page({ query, trash = false, filters = {}, sort = 'relevance', limit = DEFAULT_PAGE_SIZE, after } = {}) {
      const search = query === undefined ? null : buildFtsSearch(query);
      const match = search?.match ?? null;
      const time = trash ? 'd.deleted_at' : 'd.updated_at';
      const where = [trash ? 'd.deleted_at IS NOT NULL' : 'd.deleted_at IS NULL'];
      const params: Record<string, unknown> = { limit: limit + 1 };
      if (filters.status !== undefined) {
        where.push('d.status = @status');
        params.status = filters.status;
      }
      if (filters.articleType !== undefined) {
        where.push('d.article_type = @articleType');
        params.articleType = filters.articleType;
      }
      if (filters.kicker !== undefined) {
        where.push('d.kicker = @kicker');
        params.kicker = filters.kicker;
      }
      if (filters.editedFrom !== undefined) {
        where.push('d.updated_at >= @editedFrom');
        params.editedFrom = filters.editedFrom;
      }
      if (filters.editedBefore !== undefined) {
        where.push('d.updated_at < @editedBefore');
        params.editedBefore = filters.editedBefore;
      }
      const ranked = search !== null && sort === 'relevance';
      // The filters alone (no match, no cursor): what a rank window must respect.
      const filterWhere = [...where];
      const filterParams = { ...params };
      delete filterParams.limit;
      const filtered = trash || filterWhere.length > 1;
      let from = 'drafts AS d';
      let order = `${time} DESC, d.id DESC`;
      if (search !== null) {
        // A phrase is found among the drafts that hold all its words, and scored by those words.
        const driver = search.words ?? search.match;
        params.match = driver;
        if (search.words !== null) params.phrase = search.match;
        if (ranked) {
          // The full-text match drives the query; each hit is checked against the
          // filters in a small covering index rather than the wide drafts rows.
          from = 'drafts_fts AS f CROSS JOIN drafts AS d INDEXED BY drafts_search_cover ON d.seq = f.rowid';
          where.unshift('drafts_fts MATCH @match');
          // Scored over the window only (the rowid bound below reaches FTS5),
          // the best page kept by SQLite's top-N sort; newest first among equals.
          order = 'score, d.seq DESC';
          // (CAST: better-sqlite3 binds numbers as REAL, and FTS5 skips a REAL rowid bound.)
          where.push('f.rowid >= CAST(@floor AS INTEGER)');
          params.floor = rankFloor(search, filtered, { where: filterWhere, params: filterParams }) ?? 0;
          if (search.words !== null) {
            where.push(
              '+f.rowid IN (SELECT rowid FROM drafts_fts WHERE drafts_fts MATCH @phrase AND rowid >= CAST(@floor AS INTEGER))',
            );
          }
        } else {
          const floor = windowFloor.get({ match: driver })?.seq;
          if (floor === undefined) {
            // Few drafts hold the words: let the match drive, as above, in last-edited order.
            from = 'drafts_fts AS f CROSS JOIN drafts AS d INDEXED BY drafts_search_cover ON d.seq = f.rowid';
            where.unshift(`drafts_fts MATCH ${search.words !== null ? '@phrase' : '@match'}`);
          } else {
            // Many matches, newest edit first: walk the last-edited index and keep
            // the drafts in the match set; the page fills after a few rows.
            where.push(
              `+d.seq IN (SELECT rowid FROM drafts_fts WHERE drafts_fts MATCH ${search.words !== null ? '@phrase' : '@match'})`,
            );
          }
          if (search.words !== null) delete params.match;
        }
      }
      let offset = 0;
      if (after !== undefined) {
        if ('offset' in after) {
          if (!ranked) throw badCursor();
          offset = after.offset;
        } else {
          if (ranked) throw badCursor();
          where.push(`(${time}, d.id) < (@afterAt, @afterId)`);
          params.afterAt = after.at;
          params.afterId = after.id;
        }
      }
      // Pick the page's drafts with the narrow columns, then read their list fields.
      const scored = ranked ? `, ${SCORE} AS score` : '';
      const sql = `SELECT d.seq, d.id, ${time} AS at${scored} FROM ${from} WHERE ${where.join(' AND ')}
        ORDER BY ${order} LIMIT @limit${ranked ? ' OFFSET @offset' : ''}`;
      if (ranked) params.offset = offset;
      const picked = prepared(sql).all(params);
      const more = picked.length > limit;
      const shown = more ? picked.slice(0, limit) : picked;
      const seqs = JSON.stringify(shown.map((row) => row.seq));
      const bySeq = new Map(items.all(seqs).map((row) => [row.seq, row]));
      const marks =
        match === null || shown.length === 0
          ? new Map<number, { headline: string; snippet: string }>()
          : new Map(
              (hasPrefix(match)
                ? marksOf.all({
                    match,
                    seqs,
                    min: Math.min(...shown.map((row) => row.seq)),
                    max: Math.max(...shown.map((row) => row.seq)),
                  })
                : shown.flatMap((row) => marksAt.all({ match, seq: row.seq }))
              ).map((row) => [row.seq, row]),
            );
      const drafts = shown.flatMap((pick): DraftListItem[] => {
        const row = bySeq.get(pick.seq);
        if (!row) return [];
        const item = toItem(row);
        const found = marks.get(row.seq);
        return [found ? withMarks(item, found.headline, found.snippet) : item];
      });
      const last = shown[shown.length - 1];
      let next: DraftCursor | null = null;
      if (more && last) {
        next = ranked ? { offset: offset + shown.length } : { at: last.at ?? 0, id: last.id };
      }
      return { drafts, next };
    },

    sections() {
      return sections.all();
    },
  };
}

/** Whether a query from buildFtsQuery has a prefix term (each is a quoted phrase, a prefix one ends in ` *`). */
function hasPrefix(match: string): boolean {
  return match.includes('" *');
}

function badCursor(): AppFailure {
  return new AppFailure(
    'invalid_input',
    'The list changed its order while loading more drafts. Scroll back to the top to load it again.',
  );
}

/**
 * A search hit with its marks: the headline's own words when it matched
 * there, and a snippet of the best-matching stretch unless that stretch is
 * just the headline again.
 */
function withMarks(item: DraftListItem, headline: string, snippet: string): DraftListItem {
  const marked: DraftListItem = { ...item };
  const inHeadline = headline.includes(SNIPPET_OPEN);
  if (inHeadline) marked.headlineParts = snippetParts(headline);
  const parts = snippetParts(snippet);
  const plain = parts.map((part) => part.text).join('');
  if (parts.some((part) => part.match) && !(inHeadline && plain === item.headline)) marked.snippet = parts;
  return marked;
}

function toItem(row: ItemRow): DraftListItem {
  return {
    id: row.id,
    headline: row.headline,
    kicker: row.kicker,
    articleType: row.article_type,
    status: row.status,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    wordCount: row.word_count,
  };
}
