// History: every recorded version of a draft, append-only (schema 5,
// draft_history). Nothing here updates or deletes a row; a draft's History
// goes only with the draft itself (purge from the trash).
//
// Storage: a version's text is `meta JSON + "\n" + body envelope JSON`,
// deflated. Most rows are deflated with the previous row's text as zlib's
// preset dictionary ("delta"): consecutive versions differ by a few words, so
// such a row costs little more than the words that changed. Every
// KEYFRAME_EVERY-th row is deflated on its own, so reading any row inflates at
// most that many. zlib looks back 32 KiB, so the dictionary helps most for
// articles under that size; a longer one still gets plain deflate's ratio.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type Database from 'better-sqlite3';
import type { ArticleMeta, DraftStatus } from '../../../src-shared/article';
import { AppFailure, HISTORY_KINDS, type HistoryEntry } from '../../../src-shared/ipc';

export type HistoryKind = (typeof HISTORY_KINDS)[number];
export type { HistoryEntry };

/** A row inflates at most this many rows (itself included). */
export const KEYFRAME_EVERY = 32;

export interface HistoryVersion extends HistoryEntry {
  meta: ArticleMeta;
  body: string;
}

export interface AppendInput {
  draftId: string;
  revision: number;
  kind: HistoryKind;
  label: string;
  status: DraftStatus;
  wordCount: number;
  meta: ArticleMeta;
  body: string;
  at: number;
}

export interface StoredBytes {
  entries: number;
  /** Bytes of compressed text plus image references (what the rows hold beyond fixed columns). */
  storedBytes: number;
  /** Bytes the same versions take uncompressed. */
  rawBytes: number;
}

export interface RevisionStore {
  /** Appends one version. Call inside the transaction that changed the draft. */
  append(input: AppendInput): HistoryEntry;
  list(draftId: string): HistoryEntry[];
  read(draftId: string, seq: number): HistoryVersion;
  /** When the newest version was recorded, or null for none. */
  lastSavedAt(draftId: string): number | null;
  /** The newest version of one kind, or null. */
  lastOfKind(draftId: string, kind: HistoryKind): HistoryEntry | null;
  storedBytes(draftId: string): StoredBytes;
}

interface EntryRow {
  seq: number;
  revision: number;
  saved_at: number;
  kind: HistoryKind;
  label: string;
  status: DraftStatus;
  word_count: number;
  size: number;
}

interface ContentRow {
  seq: number;
  codec: 'deflate' | 'delta';
  content: Buffer;
}

const ENTRY_COLUMNS = 'seq, revision, saved_at, kind, label, status, word_count, size';
/** Texts kept in memory to compress the next row against without inflating a chain. */
const CACHE_DRAFTS = 32;

export function encodeVersion(meta: ArticleMeta, body: string): string {
  return `${JSON.stringify(meta)}\n${body}`;
}

export function decodeVersion(text: string): { meta: ArticleMeta; body: string } {
  const cut = text.indexOf('\n');
  return { meta: JSON.parse(text.slice(0, cut)) as ArticleMeta, body: text.slice(cut + 1) };
}

export function createRevisionStore(db: Database.Database): RevisionStore {
  const statements = {
    nextSeq: db.prepare<[string], { next: number }>(
      `SELECT coalesce(max(seq), 0) + 1 AS next FROM draft_history WHERE draft_id = ?`,
    ),
    insert: db.prepare(
      `INSERT INTO draft_history (draft_id, seq, revision, saved_at, kind, label, status, word_count, size, codec,
         content, image_refs)
       VALUES (@draft_id, @seq, @revision, @saved_at, @kind, @label, @status, @word_count, @size, @codec,
         @content, @image_refs)`,
    ),
    list: db.prepare<[string], EntryRow>(
      `SELECT ${ENTRY_COLUMNS} FROM draft_history WHERE draft_id = ? ORDER BY seq DESC`,
    ),
    entry: db.prepare<[string, number], EntryRow>(
      `SELECT ${ENTRY_COLUMNS} FROM draft_history WHERE draft_id = ? AND seq = ?`,
    ),
    // The nearest keyframe at or before `seq`, then every row up to `seq`.
    chain: db.prepare<[string, string, number, number], ContentRow>(
      `SELECT seq, codec, content FROM draft_history WHERE draft_id = ? AND seq >= coalesce(
         (SELECT max(seq) FROM draft_history WHERE draft_id = ? AND seq <= ? AND codec = 'deflate'), 1)
       AND seq <= ? ORDER BY seq`,
    ),
    lastSavedAt: db.prepare<[string], { saved_at: number }>(
      `SELECT saved_at FROM draft_history WHERE draft_id = ? ORDER BY seq DESC LIMIT 1`,
    ),
    lastOfKind: db.prepare<[string, HistoryKind], EntryRow>(
      `SELECT ${ENTRY_COLUMNS} FROM draft_history WHERE draft_id = ? AND kind = ? ORDER BY seq DESC LIMIT 1`,
    ),
    bytes: db.prepare<[string], { entries: number; stored: number | null; raw: number | null }>(
      `SELECT count(*) AS entries, sum(length(content) + length(image_refs)) AS stored, sum(size) AS raw
       FROM draft_history WHERE draft_id = ?`,
    ),
  };

  // Map order is insertion order: the first key is the least recently used.
  const lastText = new Map<string, { seq: number; text: string }>();
  const remember = (draftId: string, seq: number, text: string): void => {
    lastText.delete(draftId);
    lastText.set(draftId, { seq, text });
    if (lastText.size > CACHE_DRAFTS) lastText.delete(lastText.keys().next().value as string);
  };

  const inflateText = (draftId: string, seq: number): string => {
    const rows = statements.chain.all(draftId, draftId, seq, seq);
    if (rows.length === 0 || rows[rows.length - 1]!.seq !== seq) {
      throw new AppFailure('not_found', 'That version is not in this draft’s History.');
    }
    let text = '';
    for (const row of rows) {
      const bytes =
        row.codec === 'delta'
          ? inflateRawSync(row.content, { dictionary: Buffer.from(text) })
          : inflateRawSync(row.content);
      text = bytes.toString('utf8');
    }
    return text;
  };

  return {
    append(input) {
      const seq = statements.nextSeq.get(input.draftId)!.next;
      const text = encodeVersion(input.meta, input.body);
      let previous: string | null = null;
      if (seq % KEYFRAME_EVERY !== 1) {
        const cached = lastText.get(input.draftId);
        previous = cached?.seq === seq - 1 ? cached.text : inflateText(input.draftId, seq - 1);
      }
      const content =
        previous === null
          ? deflateRawSync(text)
          : deflateRawSync(text, { dictionary: Buffer.from(previous) });
      const entry: HistoryEntry = {
        seq,
        revision: input.revision,
        savedAt: input.at,
        kind: input.kind,
        label: input.label,
        status: input.status,
        wordCount: input.wordCount,
        size: Buffer.byteLength(text),
      };
      statements.insert.run({
        draft_id: input.draftId,
        seq,
        revision: entry.revision,
        saved_at: entry.savedAt,
        kind: entry.kind,
        label: entry.label,
        status: entry.status,
        word_count: entry.wordCount,
        size: entry.size,
        codec: previous === null ? 'deflate' : 'delta',
        content,
        image_refs: [...new Set(text.match(/[0-9a-f]{64}/g) ?? [])].join(' '),
      });
      remember(input.draftId, seq, text);
      return entry;
    },

    list(draftId) {
      return statements.list.all(draftId).map(toEntry);
    },

    read(draftId, seq) {
      const row = statements.entry.get(draftId, seq);
      if (!row) throw new AppFailure('not_found', 'That version is not in this draft’s History.');
      return { ...toEntry(row), ...decodeVersion(inflateText(draftId, seq)) };
    },

    lastSavedAt(draftId) {
      return statements.lastSavedAt.get(draftId)?.saved_at ?? null;
    },

    lastOfKind(draftId, kind) {
      const row = statements.lastOfKind.get(draftId, kind);
      return row ? toEntry(row) : null;
    },

    storedBytes(draftId) {
      const row = statements.bytes.get(draftId)!;
      return { entries: row.entries, storedBytes: row.stored ?? 0, rawBytes: row.raw ?? 0 };
    },
  };
}

function toEntry(row: EntryRow): HistoryEntry {
  return {
    seq: row.seq,
    revision: row.revision,
    savedAt: row.saved_at,
    kind: row.kind,
    label: row.label,
    status: row.status,
    wordCount: row.word_count,
    size: row.size,
  };
}
