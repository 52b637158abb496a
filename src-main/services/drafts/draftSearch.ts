// The drafts list and search: one page at a time, filtered, in last-edited
// order (keyset on updated_at, id) or, for a search, by relevance (bm25 with
// the headline above the standfirst above the body). The index itself is kept
// by triggers on the drafts table (migrations/0006-search.ts), so it is exact
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
import { buildFtsQuery } from './ftsQuery';

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
const BM25 = `bm25(drafts_fts, ${Object.values(SEARCH_WEIGHTS).join(', ')})`;
const SNIPPET_TOKENS = 10;

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

export function createDraftSearch(db: Database.Database): DraftSearch {
  const cache = new Map<string, Database.Statement<Record<string, unknown>, ItemRow>>();
  const prepared = (sql: string): Database.Statement<Record<string, unknown>, ItemRow> => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare<Record<string, unknown>, ItemRow>(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  // better-sqlite3 binds a JS number as REAL, and FTS5 does not apply a REAL
  // rowid constraint together with MATCH (every match comes back): hence the CAST.
  const snippetOf = db.prepare<{ match: string; seq: number }, { headline: string; snippet: string }>(
    `SELECT highlight(drafts_fts, 1, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}') AS headline,
            snippet(drafts_fts, -1, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '…', ${SNIPPET_TOKENS}) AS snippet
     FROM drafts_fts WHERE drafts_fts MATCH @match AND rowid = CAST(@seq AS INTEGER)`,
  );
  const sections = db.prepare<[], { kicker: string; count: number }>(
    `SELECT kicker, count(*) AS count FROM drafts WHERE deleted_at IS NULL AND kicker <> ''
     GROUP BY kicker ORDER BY kicker COLLATE NOCASE`,
  );

  return {
    page({ query, trash = false, filters = {}, sort = 'relevance', limit = DEFAULT_PAGE_SIZE, after } = {}) {
      const match = query === undefined ? null : buildFtsQuery(query);
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
      const ranked = match !== null && sort === 'relevance';
      let from = 'drafts AS d';
      let order = `${time} DESC, d.id DESC`;
      if (match !== null) {
        // The full-text match drives the query; each hit looks its draft up by primary key.
        from = 'drafts_fts AS f CROSS JOIN drafts AS d ON d.seq = f.rowid';
        where.unshift('drafts_fts MATCH @match');
        params.match = match;
        if (ranked) order = `${BM25}, d.seq`;
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
      const sql = `SELECT ${ITEM_COLUMNS} FROM ${from} WHERE ${where.join(' AND ')}
        ORDER BY ${order} LIMIT @limit${ranked ? ' OFFSET @offset' : ''}`;
      if (ranked) params.offset = offset;
      const rows = prepared(sql).all(params);
      const more = rows.length > limit;
      const shown = more ? rows.slice(0, limit) : rows;
      const drafts = shown.map((row): DraftListItem => {
        const item = toItem(row);
        if (match === null) return item;
        const found = snippetOf.get({ match, seq: row.seq });
        return found ? withMarks(item, found.headline, found.snippet) : item;
      });
      const last = shown[shown.length - 1];
      let next: DraftCursor | null = null;
      if (more && last) {
        next = ranked
          ? { offset: offset + shown.length }
          : { at: (trash ? last.deleted_at : last.updated_at) ?? 0, id: last.id };
      }
      return { drafts, next };
    },

    sections() {
      return sections.all();
    },
  };
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
