// The drafts list and search: one page at a time, filtered, in last-edited
// order (keyset on updated_at, id) or, for a search, by relevance (bm25 with
// the headline above the standfirst above the body). A query with a phrase is
// found through the word-pair index (drafts_pairs) and ranked by its pairs;
// any other through drafts_fts. Both indexes are kept by triggers on the
// drafts table (migrations/0007-search.ts, 0008-phrase-pairs.ts), so they are
// exact in the transaction of every write, whoever writes.
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
import { FTS_COLUMNS, FTS_TOKENIZE } from '../store/migrations/0007-search';

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
const scoreOf = (table: IndexTable): string => `bm25(${table}, ${Object.values(SEARCH_WEIGHTS).join(', ')})`;

/** The two full-text indexes, with the same columns: words (drafts_fts) and adjacent word pairs (drafts_pairs). */
type IndexTable = 'drafts_fts' | 'drafts_pairs';

/**
 * What picks a search's candidates, as `f` joined to drafts on `key`. A query
 * without a phrase is a MATCH on drafts_fts (@match), exact, joined as the
 * table itself. A query with a phrase is a MATCH of its pairs on drafts_pairs
 * (@match) plus the few long drafts that index has no pairs for
 * (drafts_unpaired, checked one by one against the whole query in drafts_fts,
 * @full), joined as a subquery of (seq, score); the query's single words
 * (@rest) are a further check on the pairs' candidates.
 */
interface Driver {
  /** The index whose newest matches make the rank window. */
  table: IndexTable;
  params: Record<string, string>;
  /** The column of `f` that is a draft's seq. */
  key: string;
  /** The FROM item `f`; `floored` bounds it to the rank window (@floor), `scored` adds the score. */
  from(floored: boolean, scored: boolean): string;
  /** Conditions of the outer WHERE that belong to `f`. */
  where(floored: boolean): string[];
  /** The score of `f`'s row (lower is better). */
  score: string;
  /** The seqs of every candidate, unbounded, for an IN list. */
  ids(): string;
  /** Conditions on a candidate's seq (`seq`, SQL) a hit must also meet; `floored` bounds the single-word list to the rank window. */
  checks(seq: string, floored: boolean): string[];
}

const FLOOR = 'CAST(@floor AS INTEGER)';

function driverOf(search: FtsSearch): Driver {
  const { phrase } = search;
  if (phrase === null) {
    return {
      table: 'drafts_fts',
      params: { match: search.match },
      key: 'f.rowid',
      from: () => 'drafts_fts AS f',
      // (CAST: better-sqlite3 binds numbers as REAL, and FTS5 skips a REAL rowid bound.)
      where: (floored) => ['drafts_fts MATCH @match', ...(floored ? [`f.rowid >= ${FLOOR}`] : [])],
      score: scoreOf('drafts_fts'),
      ids: () => 'SELECT rowid FROM drafts_fts WHERE drafts_fts MATCH @match',
      checks: () => [],
    };
  }
  const params: Record<string, string> = { match: phrase.pairs, full: search.match };
  if (phrase.rest !== null) params.rest = phrase.rest;
  const unpaired = (floored: boolean): string =>
    `SELECT u.seq FROM drafts_unpaired AS u WHERE ${floored ? `u.seq >= ${FLOOR} AND ` : ''}
       EXISTS (SELECT 1 FROM drafts_fts WHERE drafts_fts MATCH @full AND rowid = u.seq)`;
  return {
    table: 'drafts_pairs',
    params,
    key: 'f.seq',
    from: (floored, scored) =>
      `(SELECT rowid AS seq${scored ? `, ${scoreOf('drafts_pairs')} AS score` : ''} FROM drafts_pairs
          WHERE drafts_pairs MATCH @match${floored ? ` AND rowid >= ${FLOOR}` : ''}
        UNION ALL SELECT seq${scored ? ', 0.0 AS score' : ''} FROM (${unpaired(floored)})) AS f`,
    where: () => [],
    score: 'f.score',
    ids: () => `SELECT rowid FROM drafts_pairs WHERE drafts_pairs MATCH @match UNION ALL ${unpaired(false)}`,
    checks(seq, floored) {
      // One pass over the words' lists from the window's floor, not a lookup per candidate: a
      // lookup seeks every word's list to that draft (0.4–0.8 ms for common words), and a
      // common pair has thousands of candidates when the window widens.
      if (phrase.rest === null) return [];
      return [
        `+${seq} IN (SELECT rowid FROM drafts_fts WHERE drafts_fts MATCH @rest${floored ? ` AND rowid >= ${FLOOR}` : ''})`,
      ];
    },
  };
}
/**
 * A search that matches more drafts than this ranks the newest this many of
 * them (by when they were created): scoring every one of 100,000 matches of a
 * very common word costs more than a keystroke. A phrase is ranked among the
 * newest drafts holding its word pairs, a filtered search (or a phrase beside
 * other words) among the newest that pass its filters when too few of the
 * newest do (rankFloor). Sorting by last edit always considers every match.
 */
export const RANK_WINDOW = 4_000;
/** See rankFloor: the fewest hits a rank window may hold before it is widened. */
export const WINDOW_MIN_HITS = 50;
/** The longest body (in words) whose phrase marks are made in the page's scratch index (see marksOf). */
export const SCRATCH_MARKS_MAX_WORDS = 2_000;
/** Words in a snippet (FTS5 snippet()'s last argument). */
export const SNIPPET_TOKENS = 10;

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
  // The rowid of the rankWindow-th newest match of a driver's index, when
  // there are that many: one pass over its doclists.
  const windowOffset = Math.max(0, Math.floor(rankWindow) - 1);
  const windowFloors: Record<IndexTable, Database.Statement<{ match: string }, { seq: number }>> = {
    drafts_fts: db.prepare(
      `SELECT rowid AS seq FROM drafts_fts WHERE drafts_fts MATCH @match ORDER BY rowid DESC LIMIT 1 OFFSET ${windowOffset}`,
    ),
    drafts_pairs: db.prepare(
      `SELECT rowid AS seq FROM drafts_pairs WHERE drafts_pairs MATCH @match ORDER BY rowid DESC LIMIT 1 OFFSET ${windowOffset}`,
    ),
  };
  const windowFloor = (driver: Driver): number | undefined =>
    windowFloors[driver.table].get({ match: driver.params.match! })?.seq;
  // The rowid from which a search is ranked: the newest rankWindow drafts
  // that match the driver's index, unfiltered (one cheap pass). When that
  // window holds fewer than WINDOW_MIN_HITS drafts that are hits (pass the
  // driver's checks and the filters: a phrase with a rare word beside it, a
  // filter or the trash that leaves few of them), the window is the newest
  // rankWindow drafts that are. Decided on the window, not on the page, so
  // every page of one search decides alike.
  const rankFloor = (
    driver: Driver,
    filtered: boolean,
    filters: { where: string[]; params: Record<string, unknown> },
  ): number | undefined => {
    const floor = windowFloor(driver);
    if (floor === undefined || (!filtered && driver.checks(driver.key, false).length === 0)) return floor;
    const select = (floored: boolean): string =>
      `SELECT ${driver.key} AS seq, NULL AS id, NULL AS at
       FROM ${driver.from(floored, false)} CROSS JOIN drafts AS d INDEXED BY drafts_search_cover ON d.seq = ${driver.key}
       WHERE ${[...driver.where(floored), ...filters.where, ...driver.checks(driver.key, floored)].join(' AND ')}`;
    const params = { ...filters.params, ...driver.params };
    const hits = prepared(
      `SELECT count(*) AS seq, NULL AS id, NULL AS at FROM (${select(true)} LIMIT ${Math.max(1, Math.floor(windowMinHits))})`,
    ).get({ ...params, floor })?.seq;
    if ((hits ?? 0) >= windowMinHits) return floor;
    return prepared(`${select(false)} ORDER BY ${driver.key} DESC LIMIT 1 OFFSET ${windowOffset}`).get(params)
      ?.seq;
  };
  // The marks of a page (highlight() and snippet()) are made after the page
  // is picked (in the pick, SQLite would make them for every row it sorts),
  // in one of three ways by the query's kind; each gives FTS5's own marks.
  type Marks = { seq: number; headline: string; snippet: string };
  const marksColumns = (table: string): string =>
    `rowid AS seq, highlight(${table}, 1, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}') AS headline,
     snippet(${table}, -1, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '…', ${SNIPPET_TOKENS}) AS snippet`;
  // Words only: row by row in drafts_fts. FTS5 seeks each word's list to the
  // row, where one pass would walk the lists between the page's lowest and
  // highest rows. (CAST: better-sqlite3 binds numbers as REAL, and FTS5
  // ignores a REAL rowid bound.)
  const marksAt = db.prepare<{ match: string; seq: number }, Marks>(
    `SELECT ${marksColumns('drafts_fts')} FROM drafts_fts WHERE drafts_fts MATCH @match AND rowid = CAST(@seq AS INTEGER)`,
  );
  // A prefix term: in one pass over the match between the page's lowest and
  // highest rows, so the prefix is expanded once, not once a row. The unary +
  // keeps the page's rowids out of FTS5's plan (one lookup per row) and
  // filters the match's rows instead, so snippet() runs for the page's rows only.
  const marksOver = db.prepare<{ match: string; seqs: string; min: number; max: number }, Marks>(
    `SELECT ${marksColumns('drafts_fts')} FROM drafts_fts WHERE drafts_fts MATCH @match
       AND rowid >= CAST(@min AS INTEGER) AND rowid <= CAST(@max AS INTEGER)
       AND +rowid IN (SELECT value FROM json_each(@seqs))`,
  );
  // A phrase: from a scratch index of the page's own rows. In drafts_fts a
  // phrase's marks cost a seek through every word's list for each hit (about
  // a millisecond a hit for common words, the slowest part of a three-word
  // phrase). The page's text (from drafts_search, what drafts_fts indexed) is
  // copied into a table of an in-memory database attached to this connection
  // and indexed there by an FTS5 table with drafts_fts's columns and tokenizer
  // (so the marks are the same, character for character), then emptied. It
  // costs a few milliseconds a page of articles, more than the other two ways
  // cost for words and prefixes. Indexing grows with the text, about 0.2 µs a
  // word (a page of 20 drafts of 600 words 2.7 ms, of 2,000 words 8.7 ms, of
  // 10,000 words 45 ms), so a draft over SCRATCH_MARKS_MAX_WORDS is marked
  // row by row in drafts_fts instead, at the seeks' cost.
  const attached = db.pragma('database_list') as { name: string }[];
  if (!attached.some((row) => row.name === 'search_page')) {
    db.exec(`ATTACH DATABASE ':memory:' AS search_page`);
  }
  db.exec(`
    CREATE TABLE IF NOT EXISTS search_page.texts (seq INTEGER PRIMARY KEY, ${FTS_COLUMNS});
    CREATE VIRTUAL TABLE IF NOT EXISTS search_page.marks USING fts5 (
      ${FTS_COLUMNS}, content = 'texts', content_rowid = 'seq', tokenize = '${FTS_TOKENIZE}'
    );
  `);
  const pageTexts = db.prepare<[string]>(
    `INSERT INTO search_page.texts (seq, ${FTS_COLUMNS})
     SELECT seq, ${FTS_COLUMNS} FROM main.drafts_search WHERE seq IN (SELECT value FROM json_each(?))`,
  );
  const pageIndex = db.prepare(`INSERT INTO search_page.marks (marks) VALUES ('rebuild')`);
  const pageMarks = db.prepare<{ match: string }, Marks>(
    `SELECT ${marksColumns('marks')} FROM search_page.marks WHERE marks MATCH @match`,
  );
  const clearIndex = db.prepare(`INSERT INTO search_page.marks (marks) VALUES ('delete-all')`);
  const clearTexts = db.prepare('DELETE FROM search_page.texts');
  const scratchMarks = (match: string, seqs: number[]): Marks[] => {
    if (seqs.length === 0) return [];
    try {
      pageTexts.run(JSON.stringify(seqs));
      pageIndex.run();
      return pageMarks.all({ match });
    } finally {
      clearIndex.run();
      clearTexts.run();
    }
  };
  const marksOf = (
    search: FtsSearch,
    shown: PickRow[],
    seqs: string,
    bySeq: Map<number, ItemRow>,
  ): Marks[] => {
    const { match } = search;
    if (search.phrase !== null) {
      const short: number[] = [];
      const long: number[] = [];
      for (const { seq } of shown) {
        ((bySeq.get(seq)?.word_count ?? Infinity) <= SCRATCH_MARKS_MAX_WORDS ? short : long).push(seq);
      }
      return [...scratchMarks(match, short), ...long.flatMap((seq) => marksAt.all({ match, seq }))];
    }
    if (hasPrefix(match)) {
      const seqList = shown.map((row) => row.seq);
      return marksOver.all({ match, seqs, min: Math.min(...seqList), max: Math.max(...seqList) });
    }
    return shown.flatMap((row) => marksAt.all({ match, seq: row.seq }));
  };
  const sections = db.prepare<[], { kicker: string; count: number }>(
    `SELECT kicker, count(*) AS count FROM drafts WHERE deleted_at IS NULL AND kicker <> ''
     GROUP BY kicker ORDER BY kicker COLLATE NOCASE`,
  );

  return {
    page({ query, trash = false, filters = {}, sort = 'relevance', limit = DEFAULT_PAGE_SIZE, after } = {}) {
      const search = query === undefined ? null : buildFtsSearch(query);
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
      let scored = '';
      if (search !== null) {
        const driver = driverOf(search);
        Object.assign(params, driver.params);
        const joined = (floored: boolean, scoring: boolean): string =>
          `${driver.from(floored, scoring)} CROSS JOIN drafts AS d INDEXED BY drafts_search_cover ON d.seq = ${driver.key}`;
        if (ranked) {
          // The driver's candidates, each checked against the filters in a small
          // covering index rather than the wide drafts rows, scored over the
          // window only (the rowid bound reaches FTS5), the best page kept by
          // SQLite's top-N sort; newest first among equals.
          from = joined(true, true);
          where.unshift(...driver.where(true));
          where.push(...driver.checks(driver.key, true));
          order = 'score, d.seq DESC';
          scored = `, ${driver.score} AS score`;
          params.floor = rankFloor(driver, filtered, { where: filterWhere, params: filterParams }) ?? 0;
        } else if (windowFloor(driver) === undefined) {
          // Few drafts match: let the match drive, as above, in last-edited order.
          from = joined(false, false);
          where.unshift(...driver.where(false), ...driver.checks(driver.key, false));
        } else {
          // Many matches, newest edit first: walk the last-edited index and keep
          // the drafts in the match set; the page fills after a few rows.
          where.push(`+d.seq IN (${driver.ids()})`, ...driver.checks('d.seq', false));
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
      const sql = `SELECT d.seq, d.id, ${time} AS at${scored} FROM ${from} WHERE ${where.join(' AND ')}
        ORDER BY ${order} LIMIT @limit${ranked ? ' OFFSET @offset' : ''}`;
      if (ranked) params.offset = offset;
      const picked = prepared(sql).all(params);
      const more = picked.length > limit;
      const shown = more ? picked.slice(0, limit) : picked;
      const seqs = JSON.stringify(shown.map((row) => row.seq));
      const bySeq = new Map(items.all(seqs).map((row) => [row.seq, row]));
      const marks = new Map(
        search === null || shown.length === 0
          ? []
          : marksOf(search, shown, seqs, bySeq).map((row) => [row.seq, row]),
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
export function withMarks(item: DraftListItem, headline: string, snippet: string): DraftListItem {
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
