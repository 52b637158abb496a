// Drafts in SQLite: every statement prepared once, every write one
// transaction. Handlers, the History view and the benchmark call this
// directly; it trusts its inputs to be shaped (dispatch validated them) and
// checks only what SQLite and the body format need.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import {
  emptyMeta,
  type ArticleMeta,
  type ArticleType,
  type Draft,
  type DraftStatus,
} from '../../../src-shared/article';
import {
  BodyFormatError,
  bodyPlainText,
  countWords,
  emptyBodyJson,
  parseBody,
} from '../../../src-shared/body';
import type { ImageRef } from '../../../src-shared/image';
import { AppFailure } from '../../../src-shared/ipc';
import type { DraftListItem, DraftPage } from '../../../src-shared/search';
import { createDraftSearch, type DraftListOptions } from './draftSearch';

/** Autosaves keep a History snapshot at most this often per draft. */
export const SNAPSHOT_INTERVAL_MS = 5 * 60 * 1000;
/** Oldest snapshots beyond this many per draft are dropped. */
export const SNAPSHOTS_KEPT = 200;

export type SnapshotReason = 'autosave' | 'manual' | 'restore';

export interface SaveDraftInput {
  id: string;
  meta: ArticleMeta;
  /** The body envelope as JSON (src-shared/body.ts), stored as given. */
  body: string;
}

export interface SaveDraftResult {
  revision: number;
  updatedAt: number;
  wordCount: number;
}

export interface RevisionSummary {
  revision: number;
  savedAt: number;
  reason: SnapshotReason;
  wordCount: number;
}

export interface RevisionSnapshot extends RevisionSummary {
  meta: ArticleMeta;
  body: string;
}

export interface DraftRepository {
  /** One page of the list or of a search (draftSearch.ts): filtered, sorted, with a cursor for the next. */
  page(options?: DraftListOptions): DraftPage;
  /** The rows of page(options) alone. */
  list(options?: DraftListOptions): DraftListItem[];
  /** Distinct kickers (sections) of live drafts, with how many drafts each has. */
  sections(): { kicker: string; count: number }[];
  /** True when at least one draft exists, live or in the trash. */
  hasAny(): boolean;
  create(): Draft;
  get(id: string): Draft;
  save(input: SaveDraftInput): SaveDraftResult;
  /** Moves a draft to the trash; trashing a trashed draft keeps its first deletion time. */
  trash(id: string): { deletedAt: number };
  restore(id: string): void;
  /** Deletes a draft that is in the trash, with its History. */
  purge(id: string): void;
  /** Stores a History snapshot of the draft as it is now (for "save a version"). */
  snapshot(id: string, reason?: SnapshotReason): RevisionSummary;
  listRevisions(id: string): RevisionSummary[];
  getRevision(id: string, revision: number): RevisionSnapshot;
}

export function newDraftId(): string {
  // 128 random bits, base64url: 22 characters from [A-Za-z0-9_-].
  return randomBytes(16).toString('base64url');
}

interface DraftRow {
  id: string;
  headline: string;
  article_type: ArticleType;
  status: DraftStatus;
  word_count: number;
  revision: number;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
  kicker: string;
  standfirst: string;
  byline: string;
  byline_role: string;
  tags: string;
  slug: string;
  slug_edited: number;
  lead_image: string | null;
  body_json: string;
}

interface RevisionRow {
  revision: number;
  saved_at: number;
  reason: SnapshotReason;
  word_count: number;
}

/** The hot list queries (draftSearch.ts builds the same shape), exported so a test can hold their plans to the indexes. */
export const LIST_LIVE_SQL = `SELECT d.id, d.headline, d.updated_at FROM drafts AS d WHERE d.deleted_at IS NULL
  AND (d.updated_at, d.id) < (?, ?) ORDER BY d.updated_at DESC, d.id DESC LIMIT 50`;
export const LIST_TRASH_SQL = `SELECT d.id, d.headline, d.deleted_at FROM drafts AS d WHERE d.deleted_at IS NOT NULL
  AND (d.deleted_at, d.id) < (?, ?) ORDER BY d.deleted_at DESC, d.id DESC LIMIT 50`;

export function createDraftRepository(db: Database.Database, now: () => number = Date.now): DraftRepository {
  const statements = {
    hasAny: db.prepare<[], { found: number }>(`SELECT EXISTS (SELECT 1 FROM drafts) AS found`),
    insert: db.prepare<[string, string, number, number]>(
      `INSERT INTO drafts (id, body_json, created_at, updated_at) VALUES (?, ?, ?, ?)`,
    ),
    get: db.prepare<[string], DraftRow>(
      `SELECT id, headline, article_type, status, word_count, revision, created_at, updated_at, deleted_at,
              kicker, standfirst, byline, byline_role, tags, slug, slug_edited, lead_image, body_json
       FROM drafts WHERE id = ?`,
    ),
    update: db.prepare<
      {
        id: string;
        kicker: string;
        headline: string;
        standfirst: string;
        byline: string;
        byline_role: string;
        article_type: ArticleType;
        tags: string;
        slug: string;
        slug_edited: number;
        lead_image: string | null;
        body_json: string;
        body_text: string;
        word_count: number;
        updated_at: number;
      },
      { revision: number }
    >(
      `UPDATE drafts SET kicker = @kicker, headline = @headline, standfirst = @standfirst, byline = @byline,
         byline_role = @byline_role, article_type = @article_type, tags = @tags, slug = @slug,
         slug_edited = @slug_edited, lead_image = @lead_image, body_json = @body_json, body_text = @body_text,
         word_count = @word_count, updated_at = @updated_at, revision = revision + 1
       WHERE id = @id RETURNING revision`,
    ),
    trash: db.prepare<[number, string], { deleted_at: number }>(
      `UPDATE drafts SET deleted_at = coalesce(deleted_at, ?) WHERE id = ? RETURNING deleted_at`,
    ),
    restore: db.prepare<[string]>(`UPDATE drafts SET deleted_at = NULL WHERE id = ?`),
    deletedAt: db.prepare<[string], { deleted_at: number | null }>(
      `SELECT deleted_at FROM drafts WHERE id = ?`,
    ),
    purge: db.prepare<[string]>(`DELETE FROM drafts WHERE id = ? AND deleted_at IS NOT NULL`),
    lastSnapshotAt: db.prepare<[string], { saved_at: number }>(
      `SELECT saved_at FROM draft_revisions WHERE draft_id = ? ORDER BY revision DESC LIMIT 1`,
    ),
    insertSnapshot: db.prepare<[number, SnapshotReason, string, string], RevisionRow>(
      `INSERT INTO draft_revisions (draft_id, revision, saved_at, reason, word_count, meta_json, body_json)
       SELECT id, revision, ?, ?, word_count, ?, body_json FROM drafts WHERE id = ?
       ON CONFLICT (draft_id, revision) DO UPDATE SET saved_at = excluded.saved_at, reason = excluded.reason
       RETURNING revision, saved_at, reason, word_count`,
    ),
    pruneSnapshots: db.prepare<[string, string, number]>(
      `DELETE FROM draft_revisions WHERE draft_id = ? AND revision < (
         SELECT revision FROM draft_revisions WHERE draft_id = ? ORDER BY revision DESC LIMIT 1 OFFSET ?)`,
    ),
    listRevisions: db.prepare<[string], RevisionRow>(
      `SELECT revision, saved_at, reason, word_count FROM draft_revisions WHERE draft_id = ? ORDER BY revision DESC`,
    ),
    getRevision: db.prepare<[string, number], RevisionRow & { meta_json: string; body_json: string }>(
      `SELECT revision, saved_at, reason, word_count, meta_json, body_json FROM draft_revisions
       WHERE draft_id = ? AND revision = ?`,
    ),
  };
  // insertSnapshot binds ? in order: saved_at, reason, meta_json, id.
  const insertSnapshot = (id: string, reason: SnapshotReason, meta: ArticleMeta, at: number): RevisionRow => {
    const row = statements.insertSnapshot.get(at, reason, JSON.stringify(meta), id);
    if (!row) throw notFound();
    statements.pruneSnapshots.run(id, id, SNAPSHOTS_KEPT - 1);
    return row;
  };

  const search = createDraftSearch(db);

  const saveTransaction = db.transaction((input: SaveDraftInput, bodyText: string, wordCount: number) => {
    const updatedAt = now();
    const { meta } = input;
    const row = statements.update.get({
      id: input.id,
      kicker: meta.kicker,
      headline: meta.headline,
      standfirst: meta.standfirst,
      byline: meta.byline,
      byline_role: meta.bylineRole,
      article_type: meta.articleType,
      tags: JSON.stringify(meta.tags),
      slug: meta.slug,
      slug_edited: meta.slugEdited ? 1 : 0,
      lead_image: meta.leadImage === null ? null : JSON.stringify(meta.leadImage),
      body_json: input.body,
      body_text: bodyText,
      word_count: wordCount,
      updated_at: updatedAt,
    });
    if (!row) throw notFound();
    const last = statements.lastSnapshotAt.get(input.id);
    if (!last || updatedAt - last.saved_at >= SNAPSHOT_INTERVAL_MS) {
      insertSnapshot(input.id, 'autosave', meta, updatedAt);
    }
    return { revision: row.revision, updatedAt, wordCount };
  });

  const getRow = (id: string): DraftRow => {
    const row = statements.get.get(id);
    if (!row) throw notFound();
    return row;
  };

  return {
    page(options) {
      return search.page(options);
    },

    list(options) {
      return search.page(options).drafts;
    },

    sections() {
      return search.sections();
    },

    hasAny() {
      return statements.hasAny.get()?.found === 1;
    },

    create() {
      const id = newDraftId();
      const at = now();
      statements.insert.run(id, emptyBodyJson(), at, at);
      return toDraft(getRow(id));
    },

    get(id) {
      return toDraft(getRow(id));
    },

    save(input) {
      let bodyText: string;
      try {
        bodyText = bodyPlainText(parseBody(input.body).editorState.root);
      } catch (error) {
        if (error instanceof BodyFormatError) {
          throw new AppFailure('invalid_input', `The draft was not saved: ${error.message}`);
        }
        throw error;
      }
      return saveTransaction(input, bodyText, countWords(bodyText));
    },

    trash(id) {
      const row = statements.trash.get(now(), id);
      if (!row) throw notFound();
      return { deletedAt: row.deleted_at };
    },

    restore(id) {
      if (statements.restore.run(id).changes === 0) throw notFound();
    },

    purge(id) {
      const row = statements.deletedAt.get(id);
      if (!row) throw notFound();
      if (row.deleted_at === null) {
        throw new AppFailure(
          'conflict',
          'Only drafts in the trash can be deleted for good. Move the draft to the trash first.',
        );
      }
      statements.purge.run(id);
    },

    snapshot(id, reason = 'manual') {
      const draft = toDraft(getRow(id));
      return db.transaction(() => toRevisionSummary(insertSnapshot(id, reason, draft.meta, now())))();
    },

    listRevisions(id) {
      getRow(id);
      return statements.listRevisions.all(id).map(toRevisionSummary);
    },

    getRevision(id, revision) {
      const row = statements.getRevision.get(id, revision);
      if (!row) throw new AppFailure('not_found', 'That version of the draft is no longer in its History.');
      return {
        ...toRevisionSummary(row),
        meta: JSON.parse(row.meta_json) as ArticleMeta,
        body: row.body_json,
      };
    },
  };
}

function notFound(): AppFailure {
  return new AppFailure(
    'not_found',
    'That draft no longer exists. It may have been deleted for good from the trash.',
  );
}

function toRevisionSummary(row: RevisionRow): RevisionSummary {
  return { revision: row.revision, savedAt: row.saved_at, reason: row.reason, wordCount: row.word_count };
}

function toDraft(row: DraftRow): Draft {
  const meta: ArticleMeta = {
    ...emptyMeta(),
    kicker: row.kicker,
    headline: row.headline,
    standfirst: row.standfirst,
    byline: row.byline,
    bylineRole: row.byline_role,
    articleType: row.article_type,
    tags: JSON.parse(row.tags) as string[],
    slug: row.slug,
    slugEdited: row.slug_edited === 1,
    leadImage: row.lead_image === null ? null : (JSON.parse(row.lead_image) as ImageRef),
  };
  return {
    id: row.id,
    meta,
    body: row.body_json,
    revision: row.revision,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    status: row.status,
  };
}
