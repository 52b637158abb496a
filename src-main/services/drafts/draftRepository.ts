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
  DRAFT_STATUS_LABELS,
  type SettableStatus,
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
import {
  createRevisionStore,
  type HistoryEntry,
  type HistoryKind,
  type HistoryVersion,
} from './revisionStore';

/** While editing, History records a version ("Edited") at most this often per draft. Nothing is pruned. */
export const SNAPSHOT_INTERVAL_MS = 5 * 60 * 1000;

export interface SaveDraftInput {
  id: string;
  meta: ArticleMeta;
  /** The body envelope as JSON (src-shared/body.ts), stored as given. */
  body: string;
  /**
   * The stored revision this text was based on. When given and the draft has
   * moved on since, the save is refused with code 'conflict' (the newer stored
   * text stays; both versions are recorded in History). drafts:save always
   * passes it; only code that owns the draft outright (tests, benchmarks) may omit it.
   */
  baseRevision?: number;
  /**
   * The History entry this save records instead of the periodic "Edited" one
   * (an import records "Imported from <file>" as the draft's first version).
   */
  history?: { kind: HistoryKind; label: string };
}

export interface SaveDraftResult {
  revision: number;
  updatedAt: number;
  wordCount: number;
}

export interface RecordRevisionInput {
  kind: HistoryKind;
  /** What History shows, e.g. "Imported from report.docx". */
  label: string;
  /** The text to record when it is not the stored one (e.g. a publish job's snapshot). */
  content?: { revision: number; meta: ArticleMeta; body: string };
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
  /**
   * Records the draft as it is stored now as a History version with a reason.
   * Import calls this after creating a draft: `{ kind: 'imported', label: 'Imported from report.docx' }`.
   */
  recordRevision(id: string, input: RecordRevisionInput): HistoryEntry;
  /** Newest first. */
  listRevisions(id: string): HistoryEntry[];
  getRevision(id: string, seq: number): HistoryVersion;
  /**
   * Makes an older version the current text. The current text is recorded first
   * ("Before restoring …"), then the restored one ("Restored from 14:02"): nothing is overwritten.
   */
  restoreRevision(id: string, seq: number): Draft;
  /** Changes the workflow status (recorded in History). `scheduledAt` is required for 'scheduled'. */
  setStatus(id: string, status: SettableStatus, scheduledAt?: number | null): Draft;
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
  scheduled_at: number | null;
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
              kicker, standfirst, byline, byline_role, tags, slug, slug_edited, lead_image, body_json, scheduled_at
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
    revisionOf: db.prepare<[string], { revision: number; updated_at: number }>(
      `SELECT revision, updated_at FROM drafts WHERE id = ?`,
    ),
    setStatus: db.prepare<[DraftStatus, number | null, string]>(
      `UPDATE drafts SET status = ?, scheduled_at = ? WHERE id = ?`,
    ),
  };
  const history = createRevisionStore(db);
  const record = (draft: Draft, kind: HistoryKind, label: string, wordCount: number, at: number) =>
    history.append({
      draftId: draft.id,
      revision: draft.revision,
      kind,
      label,
      status: draft.status,
      wordCount,
      meta: draft.meta,
      body: draft.body,
      at,
    });
  const wordsOf = (body: string): number => countWords(bodyPlainText(parseBody(body).editorState.root));

  const search = createDraftSearch(db);

  const writeContent = (
    id: string,
    meta: ArticleMeta,
    body: string,
    bodyText: string,
    wordCount: number,
    updatedAt: number,
  ): number => {
    const row = statements.update.get({
      id,
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
      body_json: body,
      body_text: bodyText,
      word_count: wordCount,
      updated_at: updatedAt,
    });
    if (!row) throw notFound();
    return row.revision;
  };

  type SaveOutcome = { saved: SaveDraftResult } | { conflict: { storedAt: number } };
  const saveTransaction = db.transaction(
    (input: SaveDraftInput, bodyText: string, wordCount: number): SaveOutcome => {
      const updatedAt = now();
      const stored = statements.revisionOf.get(input.id);
      if (!stored) throw notFound();
      if (input.baseRevision !== undefined && input.baseRevision !== stored.revision) {
        // Both texts go into History; the stored (newer) one stays current.
        const current = toDraft(getRow(input.id));
        // Once per stored revision: later refused saves from the same old copy add only their own text.
        if (history.lastOfKind(input.id, 'conflict-kept')?.revision !== current.revision) {
          record(
            current,
            'conflict-kept',
            'Newer version kept (saved elsewhere)',
            wordsOf(current.body),
            updatedAt,
          );
        }
        record(
          { ...current, meta: input.meta, body: input.body, revision: input.baseRevision },
          'conflict-rejected',
          'Not saved: edited from an older copy',
          wordCount,
          updatedAt,
        );
        return { conflict: { storedAt: stored.updated_at } };
      }
      const revision = writeContent(input.id, input.meta, input.body, bodyText, wordCount, updatedAt);
      const last = history.lastSavedAt(input.id);
      if (input.history) {
        record(toDraft(getRow(input.id)), input.history.kind, input.history.label, wordCount, updatedAt);
      } else if (last === null || updatedAt - last >= SNAPSHOT_INTERVAL_MS) {
        record(toDraft(getRow(input.id)), 'edited', 'Edited', wordCount, updatedAt);
      }
      return { saved: { revision, updatedAt, wordCount } };
    },
  );

  const restoreTransaction = db.transaction((id: string, seq: number): Draft => {
    const at = now();
    const current = toDraft(getRow(id));
    const version = history.read(id, seq);
    const when = formatWhen(version.savedAt, at);
    record(current, 'before-restore', `Before restoring the version of ${when}`, wordsOf(current.body), at);
    const bodyText = bodyPlainText(parseBody(version.body).editorState.root);
    const wordCount = countWords(bodyText);
    writeContent(id, version.meta, version.body, bodyText, wordCount, at);
    const restored = toDraft(getRow(id));
    record(restored, 'restored', `Restored from ${when}`, wordCount, at);
    return restored;
  });

  const statusTransaction = db.transaction(
    (id: string, status: SettableStatus, scheduledAt: number | null): Draft => {
      const at = now();
      const before = toDraft(getRow(id));
      statements.setStatus.run(status, status === 'scheduled' ? scheduledAt : null, id);
      const after = toDraft(getRow(id));
      const label =
        status === 'scheduled' && scheduledAt !== null
          ? `Status: Scheduled for ${formatWhen(scheduledAt, at)}`
          : `Status: ${DRAFT_STATUS_LABELS[status]}`;
      if (before.status !== after.status || before.scheduledAt !== after.scheduledAt) {
        record(after, 'status', label, wordsOf(after.body), at);
      }
      return after;
    },
  );

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
      const outcome = saveTransaction(input, bodyText, countWords(bodyText));
      if ('conflict' in outcome) {
        // Thrown after the transaction committed, so both versions stay in History.
        throw new AppFailure(
          'conflict',
          `Not saved: this draft was saved elsewhere at ${formatWhen(outcome.conflict.storedAt, now())}, after the copy on your screen was opened. Nothing was overwritten: both versions are in History. Open History to compare them and restore the one you want.`,
        );
      }
      return outcome.saved;
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

    recordRevision(id, input) {
      return db.transaction(() => {
        const stored = toDraft(getRow(id));
        const draft = input.content ? { ...stored, ...input.content } : stored;
        return record(draft, input.kind, input.label, wordsOf(draft.body), now());
      })();
    },

    listRevisions(id) {
      getRow(id);
      return history.list(id);
    },

    getRevision(id, seq) {
      getRow(id);
      return history.read(id, seq);
    },

    restoreRevision(id, seq) {
      const row = statements.deletedAt.get(id);
      if (!row) throw notFound();
      if (row.deleted_at !== null) {
        throw new AppFailure('invalid_input', 'This draft is in the trash. Restore the draft itself first.');
      }
      return restoreTransaction(id, seq);
    },

    setStatus(id, status, scheduledAt = null) {
      if (status === 'scheduled') {
        if (scheduledAt === null) {
          throw new AppFailure('invalid_input', 'Choose the date and time the article may go live.');
        }
        if (scheduledAt <= now()) {
          throw new AppFailure('invalid_input', 'That time has passed. Choose a later date and time.');
        }
      }
      return statusTransaction(id, status, scheduledAt);
    },
  };
}

/** "14:02" today, "1 Dec, 14:02" another day (the machine's time zone). */
export function formatWhen(at: number, now: number): string {
  const date = new Date(at);
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });
  if (date.toDateString() === new Date(now).toDateString()) return time;
  const day = date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
  return `${day}, ${time}`;
}

function notFound(): AppFailure {
  return new AppFailure(
    'not_found',
    'That draft no longer exists. It may have been deleted for good from the trash.',
  );
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
    scheduledAt: row.scheduled_at,
  };
}
