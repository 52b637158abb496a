import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyMeta } from '../../src-shared/article';
import { AppFailure } from '../../src-shared/ipc';
import {
  SNAPSHOT_INTERVAL_MS,
  LIST_LIVE_SQL,
  LIST_TRASH_SQL,
  createDraftRepository,
  type DraftRepository,
} from '../../src-main/services/drafts/draftRepository';
import { buildFtsQuery, buildFtsSearch } from '../../src-main/services/drafts/ftsQuery';
import { openDatabase } from '../../src-main/services/store/openDatabase';
import { bodyOf, metaWith } from '../support/draftBodies';

let dir: string;
let db: Database.Database;
let time: number;
let drafts: DraftRepository;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'copydesk-drafts-'));
  db = openDatabase(join(dir, 'copydesk.sqlite'));
  time = 1_700_000_000_000;
  drafts = createDraftRepository(db, () => time);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function expectFailure(action: () => unknown, code: string, message: RegExp): void {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AppFailure);
  expect((caught as AppFailure).code).toBe(code);
  expect((caught as AppFailure).message).toMatch(message);
}

describe('draft repository', () => {
  it('creates a draft with a random url-safe id, empty fields and an empty body', () => {
    const draft = drafts.create();
    expect(draft.id).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(drafts.create().id).not.toBe(draft.id);
    expect(draft.meta).toEqual(emptyMeta());
    expect(draft.revision).toBe(0);
    expect(draft.status).toBe('draft');
    expect(draft.createdAt).toBe(time);
    expect(drafts.get(draft.id)).toEqual(draft);
  });

  it('saves every field and reads it back exactly', () => {
    const { id } = drafts.create();
    const meta = metaWith({
      kicker: 'Scrolling news',
      headline: 'Anniversary commemorated',
      standfirst: 'A day of remembrance',
      byline: 'A. Writer',
      bylineRole: 'Correspondent',
      articleType: 'opinion',
      tags: ['memory', 'culture'],
      slug: 'anniversary-commemorated',
      slugEdited: true,
      leadImage: {
        hash: 'a'.repeat(64),
        mime: 'image/jpeg',
        width: 800,
        height: 600,
        caption: 'Crowd',
        credit: 'Photographer/Agency',
        alt: 'People gathered',
        copyright: '',
        fromFile: { caption: false, credit: true, copyright: false },
      },
    });
    const body = bodyOf('First paragraph here.', 'Second one.');
    time += 1000;
    const result = drafts.save({ id, meta, body });
    expect(result).toEqual({ revision: 1, updatedAt: time, wordCount: 5 });
    const stored = drafts.get(id);
    expect(stored.meta).toEqual(meta);
    expect(stored.body).toBe(body);
    expect(stored.revision).toBe(1);
    expect(stored.updatedAt).toBe(time);
  });

  it('derives word count and plain text from the body, and increments the revision each save', () => {
    const { id } = drafts.create();
    expect(drafts.save({ id, meta: emptyMeta(), body: bodyOf('one two three') }).wordCount).toBe(3);
    const second = drafts.save({ id, meta: emptyMeta(), body: bodyOf("Don't stop", 'now—please, 2021!') });
    expect(second).toMatchObject({ revision: 2, wordCount: 5 });
    expect(db.prepare('SELECT body_text FROM drafts WHERE id = ?').pluck().get(id)).toBe(
      "Don't stop\n\nnow—please, 2021!",
    );
    expect(drafts.list()[0]?.wordCount).toBe(5);
  });

  it('refuses a body that is not a Copydesk body with a readable message and keeps the last save', () => {
    const { id } = drafts.create();
    drafts.save({ id, meta: metaWith({ headline: 'Kept' }), body: bodyOf('kept text') });
    expectFailure(
      () => drafts.save({ id, meta: emptyMeta(), body: '{not json' }),
      'invalid_input',
      /not valid JSON/,
    );
    expectFailure(
      () => drafts.save({ id, meta: emptyMeta(), body: JSON.stringify({ format: 'other' }) }),
      'invalid_input',
      /not in the Copydesk body format/,
    );
    expect(drafts.get(id)).toMatchObject({ revision: 1, meta: { headline: 'Kept' } });
  });

  it('reports a missing draft as not_found on get, save, delete, restore and purge', () => {
    const missing = 'missing-draft-id';
    expectFailure(() => drafts.get(missing), 'not_found', /no longer exists/);
    expectFailure(
      () => drafts.save({ id: missing, meta: emptyMeta(), body: bodyOf('x') }),
      'not_found',
      /no longer/,
    );
    expectFailure(() => drafts.trash(missing), 'not_found', /no longer/);
    expectFailure(() => drafts.restore(missing), 'not_found', /no longer/);
    expectFailure(() => drafts.purge(missing), 'not_found', /no longer/);
  });

  it('lists live drafts newest first by last edit, with summary fields only', () => {
    const older = drafts.create();
    time += 10;
    const newer = drafts.create();
    time += 10;
    drafts.save({ id: older.id, meta: metaWith({ headline: 'Edited last' }), body: bodyOf('a b') });
    expect(drafts.list().map((d) => d.id)).toEqual([older.id, newer.id]);
    expect(drafts.list()[0]).toEqual({
      id: older.id,
      headline: 'Edited last',
      kicker: '',
      articleType: 'news',
      status: 'draft',
      updatedAt: time,
      deletedAt: null,
      wordCount: 2,
    });
  });

  it('lists only the newest drafts when asked for a first screenful', () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      ids.push(drafts.create().id);
      time += 10;
    }
    expect(drafts.list({ limit: 2 }).map((d) => d.id)).toEqual([ids[4], ids[3]]);
    expect(drafts.list({ limit: 50 })).toHaveLength(5);
    expect(drafts.list({ query: '', limit: 1 }).map((d) => d.id)).toEqual([ids[4]]);
  });

  it('moves a draft to the trash, restores it, and purges only from the trash', () => {
    const keep = drafts.create();
    const { id } = drafts.create();
    drafts.save({ id, meta: metaWith({ headline: 'Doomed' }), body: bodyOf('text') });
    time += 5;
    expect(drafts.trash(id)).toEqual({ deletedAt: time });
    expect(drafts.list().map((d) => d.id)).toEqual([keep.id]);
    expect(drafts.list({ trash: true }).map((d) => [d.id, d.deletedAt])).toEqual([[id, time]]);

    drafts.restore(id);
    expect(drafts.list({ trash: true })).toEqual([]);
    expect(drafts.get(id).meta.headline).toBe('Doomed');

    expectFailure(() => drafts.purge(id), 'conflict', /Only drafts in the trash/);
    drafts.trash(id);
    drafts.purge(id);
    expectFailure(() => drafts.get(id), 'not_found', /no longer exists/);
    expect(db.prepare('SELECT count(*) FROM draft_history WHERE draft_id = ?').pluck().get(id)).toBe(0);
    expect(drafts.list({ query: 'Doomed', trash: true })).toEqual([]);
  });

  it('keeps the first deletion time when a trashed draft is trashed again', () => {
    const { id } = drafts.create();
    const first = drafts.trash(id);
    time += 1000;
    expect(drafts.trash(id)).toEqual(first);
  });

  it('finds drafts by words in headline, standfirst, byline, tags and body, as prefixes', () => {
    const a = drafts.create();
    const b = drafts.create();
    drafts.save({
      id: a.id,
      meta: metaWith({ headline: 'Harbour reopens', byline: 'Zoë Ortiz', tags: ['shipping'] }),
      body: bodyOf('The ferries returned on Monday.'),
    });
    drafts.save({
      id: b.id,
      meta: metaWith({ headline: 'Budget vote', standfirst: 'Council splits over ferries' }),
      body: bodyOf('Nothing about boats.'),
    });
    const ids = (query: string) =>
      drafts
        .list({ query })
        .map((d) => d.id)
        .sort();
    expect(ids('ferries')).toEqual([a.id, b.id].sort());
    expect(ids('harb')).toEqual([a.id]);
    expect(ids('zoe')).toEqual([a.id]);
    expect(ids('shipping')).toEqual([a.id]);
    expect(ids('monday ferries')).toEqual([a.id]);
    expect(ids('council')).toEqual([b.id]);
    expect(ids('nowhere')).toEqual([]);
  });

  it('follows edits in search: the old words stop matching, the new ones match', () => {
    const { id } = drafts.create();
    drafts.save({ id, meta: metaWith({ headline: 'Alpha' }), body: bodyOf('original') });
    drafts.save({ id, meta: metaWith({ headline: 'Beta' }), body: bodyOf('rewritten') });
    expect(drafts.list({ query: 'alpha' })).toEqual([]);
    expect(drafts.list({ query: 'original' })).toEqual([]);
    expect(drafts.list({ query: 'rewritten beta' }).map((d) => d.id)).toEqual([id]);
  });

  it('never fails on hostile search text', () => {
    const { id } = drafts.create();
    drafts.save({ id, meta: metaWith({ headline: 'AND OR NOT near' }), body: bodyOf('text') });
    for (const query of [
      '"AND OR *(',
      'NEAR(',
      '*',
      '"',
      ')',
      '^',
      'a:b',
      '-x',
      "'; DROP TABLE drafts; --",
      '\u0000',
    ]) {
      expect(() => drafts.list({ query })).not.toThrow();
    }
    expect(drafts.list({ query: '"AND OR *(' }).map((d) => d.id)).toEqual([id]);
    expect(drafts.list({ query: '   ' }).map((d) => d.id)).toEqual([id]);
  });

  it('builds FTS queries of quoted terms only: words, prefixes and phrases', () => {
    expect(buildFtsQuery('"AND OR *(')).toBe('"AND OR" *');
    expect(buildFtsQuery('***')).toBeNull();
    expect(buildFtsQuery('café')).toBe('"café" *');
    expect(buildFtsQuery('reut* harbour ferry')).toBe('"reut" * "harbour" "ferry" *');
    expect(buildFtsQuery('"harbour reopens" ferry*')).toBe('"harbour reopens" "ferry" *');
    expect(buildFtsQuery('covid-19 NEAR(x')).toBe('"covid 19" "NEAR x" *');
    // A phrase also comes as the phrase of its adjacent word pairs, for the word-pair index (a prefix when
    // its last word is), beside the query's single words.
    expect(buildFtsSearch('"harbour reopens" ferry*')).toEqual({
      match: '"harbour reopens" "ferry" *',
      phrase: { pairs: '"harbour_reopens"', rest: '"ferry" *' },
    });
    expect(buildFtsSearch('"harbour reop')?.phrase).toEqual({ pairs: '"harbour_reop" *', rest: null });
    expect(buildFtsSearch('harbour ferry')?.phrase).toBeNull();
    // Pairs are split as FTS5 splits words ("covid-19" is two); a phrase of three is two pairs side by side.
    expect(buildFtsSearch('"covid-19 cases" "long long long ago" "covid-19 cases"')?.phrase).toEqual({
      pairs: '"covid_19 19_cases" "long_long long_long long_ago"',
      rest: null,
    });
  });

  it('records an "Edited" version at most every five minutes of autosaves, plus on demand', () => {
    const { id } = drafts.create();
    drafts.save({ id, meta: emptyMeta(), body: bodyOf('v1') });
    time += 1000;
    drafts.save({ id, meta: emptyMeta(), body: bodyOf('v2') });
    expect(drafts.listRevisions(id).map((r) => [r.revision, r.label])).toEqual([[1, 'Edited']]);
    time += SNAPSHOT_INTERVAL_MS;
    drafts.save({ id, meta: metaWith({ headline: 'Third' }), body: bodyOf('v3 words here') });
    expect(drafts.listRevisions(id).map((r) => r.revision)).toEqual([3, 1]);
    const imported = drafts.recordRevision(id, { kind: 'imported', label: 'Imported from notes.docx' });
    expect(imported).toMatchObject({ seq: 3, revision: 3, label: 'Imported from notes.docx', wordCount: 3 });
    const third = drafts.getRevision(id, 2);
    expect(third.meta.headline).toBe('Third');
    expect(third.body).toBe(bodyOf('v3 words here'));
  });

  it('keeps every version: nothing is pruned after hundreds of them', () => {
    const { id } = drafts.create();
    for (let i = 0; i < 205; i += 1) {
      time += SNAPSHOT_INTERVAL_MS;
      drafts.save({ id, meta: emptyMeta(), body: bodyOf(`v${i}`) });
    }
    const revisions = drafts.listRevisions(id).map((r) => r.revision);
    expect(revisions).toHaveLength(205);
    expect(revisions[0]).toBe(205);
    expect(revisions.at(-1)).toBe(1);
    expect(drafts.getRevision(id, 1).body).toBe(bodyOf('v0'));
  });

  it('lists with the updated_at index, without sorting in a temp b-tree', () => {
    const plan = (sql: string) =>
      db
        .prepare<[number, string], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all(time, 'zzzzzzzz')
        .map((row) => row.detail)
        .join('\n');
    const live = plan(LIST_LIVE_SQL);
    expect(live).toContain('drafts_live_by_updated');
    expect(live).not.toContain('TEMP B-TREE');
    const trash = plan(LIST_TRASH_SQL);
    expect(trash).toContain('drafts_trash_by_deleted');
    expect(trash).not.toContain('TEMP B-TREE');
  });
});
