// History, the workflow status and stale saves, through the channels (dispatch)
// on a real SQLite file, with the real local-folder publisher.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyMeta, type ArticleMeta, type Draft } from '../../src-shared/article';
import type { ChannelInput, ChannelOutput, Channel, Result } from '../../src-shared/ipc';
import { createServices, type Services } from '../../src-main/services/createServices';
import { MIGRATIONS } from '../../src-main/services/store/migrations';
import { openDatabase } from '../../src-main/services/store/openDatabase';
import { KEYFRAME_EVERY } from '../../src-main/services/drafts/revisionStore';
import { SNAPSHOT_INTERVAL_MS, createDraftRepository } from '../../src-main/services/drafts/draftRepository';
import { articleBody } from '../support/publishHarness';

let dir: string;
let services: Services;
let time: number;
const quietLog = { error() {} };

function start(): Services {
  return createServices({
    dataDir: dir,
    shell: 'browser',
    version: '9.9.9',
    backupIntervalMs: 0,
    mediaCleanupDelayMs: 0,
    log: quietLog,
    clock: { now: () => time },
    openExternal: async () => undefined,
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'copydesk-history-'));
  time = Date.now();
  services = start();
});
afterEach(() => {
  services.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = (await services.dispatch(channel, input)) as Result<ChannelOutput<C>>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function meta(headline: string, changes: Partial<ArticleMeta> = {}): ArticleMeta {
  return { ...emptyMeta(), headline, ...changes };
}

async function newDraft(headline: string, text: string): Promise<Draft> {
  const draft = await call('drafts:create', {});
  await call('drafts:save', {
    id: draft.id,
    meta: meta(headline),
    body: articleBody([text]),
    baseRevision: draft.revision,
  });
  return call('drafts:get', { id: draft.id });
}

describe('a stale save never overwrites a newer one', () => {
  it('refuses a save based on an older revision with "conflict", keeps the newer text and both versions', async () => {
    const opened = await newDraft('Council votes', 'First text.');
    // Another window (or a session that kept retrying) saves from the same base first.
    const newer = await call('drafts:save', {
      id: opened.id,
      meta: meta('Council votes again'),
      body: articleBody(['Newer text from the other window.']),
      baseRevision: opened.revision,
    });
    expect(newer.revision).toBe(opened.revision + 1);

    const stale = await services.dispatch('drafts:save', {
      id: opened.id,
      meta: meta('Council votes (stale)'),
      body: articleBody(['Stale text typed on the old copy.']),
      baseRevision: opened.revision,
    });
    expect(stale.ok).toBe(false);
    if (stale.ok) return;
    expect(stale.error.code).toBe('conflict');
    expect(stale.error.message).toMatch(/saved elsewhere at \d\d:\d\d/);
    expect(stale.error.message).toMatch(/both versions are in History/);

    const stored = await call('drafts:get', { id: opened.id });
    expect(stored.meta.headline).toBe('Council votes again');
    expect(stored.revision).toBe(newer.revision);

    const { entries } = await call('history:list', { draftId: opened.id });
    const kept = entries.find((entry) => entry.kind === 'conflict-kept')!;
    const rejected = entries.find((entry) => entry.kind === 'conflict-rejected')!;
    expect((await call('history:get', { draftId: opened.id, seq: kept.seq })).meta.headline).toBe(
      'Council votes again',
    );
    const lost = await call('history:get', { draftId: opened.id, seq: rejected.seq });
    expect(lost.meta.headline).toBe('Council votes (stale)');
    expect(lost.body).toContain('Stale text typed on the old copy.');

    // Saving from the stored revision works again.
    const next = await call('drafts:save', {
      id: opened.id,
      meta: meta('Council votes, final'),
      body: articleBody(['Merged.']),
      baseRevision: stored.revision,
    });
    expect(next.revision).toBe(stored.revision + 1);
  });

  it('refuses drafts:save without the revision it was based on', async () => {
    const draft = await call('drafts:create', {});
    const result = await services.dispatch('drafts:save', {
      id: draft.id,
      meta: meta('x'),
      body: draft.body,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('History', () => {
  it('restores an old version after recording the current one, and can restore back', async () => {
    const draft = await newDraft('Old headline', 'Old body text.');
    time += SNAPSHOT_INTERVAL_MS;
    const saved = await call('drafts:save', {
      id: draft.id,
      meta: meta('New headline'),
      body: articleBody(['New body text.']),
      baseRevision: draft.revision,
    });
    let { entries } = await call('history:list', { draftId: draft.id });
    expect(entries.map((e) => e.label)).toEqual(['Edited', 'Edited']);
    const oldest = entries.at(-1)!;

    time += 60_000;
    const restored = await call('history:restore', { draftId: draft.id, seq: oldest.seq });
    expect(restored.meta.headline).toBe('Old headline');
    expect(restored.revision).toBe(saved.revision + 1);

    ({ entries } = await call('history:list', { draftId: draft.id }));
    expect(entries[0]!.label).toMatch(/^Restored from \d\d:\d\d$/);
    expect(entries[1]!.label).toMatch(/^Before restoring the version of \d\d:\d\d$/);
    // The newer text is still listed and can be restored back.
    const before = await call('history:get', { draftId: draft.id, seq: entries[1]!.seq });
    expect(before.meta.headline).toBe('New headline');
    const back = await call('history:restore', { draftId: draft.id, seq: entries[1]!.seq });
    expect(back.meta.headline).toBe('New headline');
    expect(back.body).toContain('New body text.');
    ({ entries } = await call('history:list', { draftId: draft.id }));
    expect(entries).toHaveLength(6);
    expect(entries.every((e) => e.wordCount > 0 && e.size > 0)).toBe(true);
  });

  it('stores versions compactly and reads every one of them back exactly', async () => {
    const draft = await newDraft('Compact', 'start');
    const words = Array.from({ length: 600 }, (_, i) => `word${i % 97}`);
    const texts: string[] = [];
    let revision = (await call('drafts:get', { id: draft.id })).revision;
    for (let i = 0; i < KEYFRAME_EVERY + 8; i += 1) {
      time += SNAPSHOT_INTERVAL_MS;
      words[i * 7] = `changed${i}`;
      const text = words.join(' ');
      texts.push(text);
      revision = (
        await call('drafts:save', {
          id: draft.id,
          meta: meta(`Compact ${i}`),
          body: articleBody([text]),
          baseRevision: revision,
        })
      ).revision;
    }
    const { entries } = await call('history:list', { draftId: draft.id });
    expect(entries).toHaveLength(KEYFRAME_EVERY + 9);
    for (const [index, text] of texts.entries()) {
      const version = await call('history:get', { draftId: draft.id, seq: index + 2 });
      expect(version.body).toBe(articleBody([text]));
      expect(version.meta.headline).toBe(`Compact ${index}`);
    }
    const bytes = services.store.db
      .prepare<[string], { stored: number; raw: number; deltas: number }>(
        `SELECT sum(length(content)) AS stored, sum(size) AS raw, sum(codec = 'delta') AS deltas
         FROM draft_history WHERE draft_id = ?`,
      )
      .get(draft.id)!;
    expect(bytes.deltas).toBeGreaterThan(KEYFRAME_EVERY);
    // Each new version costs a small fraction of its text.
    expect(bytes.stored * 10).toBeLessThan(bytes.raw);
  });

  it('says so when a version does not exist', async () => {
    const draft = await newDraft('Only', 'text');
    const result = await services.dispatch('history:get', { draftId: draft.id, seq: 99 });
    expect(result).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'That version is not in this draft’s History.' },
    });
  });
});

describe('workflow status', () => {
  it('moves through the workflow, records each change, and publishing sets Published then an edit Changed', async () => {
    const draft = await newDraft('Ferry returns', 'The ferry returned on Monday.');
    for (const status of ['ready_for_edit', 'ready_to_publish'] as const) {
      expect((await call('workflow:setStatus', { draftId: draft.id, status })).status).toBe(status);
    }
    expect((await call('drafts:list', {})).drafts[0]!.status).toBe('ready_to_publish');

    const job = await call('publish:start', { draftId: draft.id });
    await services.publishing.outbox.settled();
    expect(services.publishing.outbox.get(job.id).state).toBe('published');
    const published = await call('drafts:get', { id: draft.id });
    expect(published.status).toBe('published');

    let { entries } = await call('history:list', { draftId: draft.id });
    expect(entries.map((e) => e.label).slice(0, 4)).toEqual([
      'Published to Local folder',
      'Before publishing to Local folder',
      'Status: Ready to publish',
      'Status: Ready for edit',
    ]);
    expect(entries[0]!.status).toBe('published');

    time += 1000;
    await call('drafts:save', {
      id: draft.id,
      meta: meta('Ferry returns, late'),
      body: published.body,
      baseRevision: published.revision,
    });
    expect((await call('drafts:get', { id: draft.id })).status).toBe('changed');
    ({ entries } = await call('history:list', { draftId: draft.id }));
    expect(entries.length).toBeGreaterThanOrEqual(5);
  });

  it('needs a future date and time for Scheduled, and publishing respects the embargo', async () => {
    const draft = await newDraft('Embargoed report', 'Figures out tomorrow.');
    const noTime = await services.dispatch('workflow:setStatus', { draftId: draft.id, status: 'scheduled' });
    expect(noTime).toMatchObject({ ok: false, error: { code: 'invalid_input', message: /date and time/ } });
    const past = await services.dispatch('workflow:setStatus', {
      draftId: draft.id,
      status: 'scheduled',
      scheduledAt: time - 1000,
    });
    expect(past).toMatchObject({ ok: false, error: { message: /has passed/ } });

    const embargo = time + 3_600_000;
    const scheduled = await call('workflow:setStatus', {
      draftId: draft.id,
      status: 'scheduled',
      scheduledAt: embargo,
    });
    expect(scheduled).toMatchObject({ status: 'scheduled', scheduledAt: embargo });

    const refused = await services.dispatch('publish:start', { draftId: draft.id });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: /embargoed until/ },
    });
    expect(services.publishing.outbox.list({ draftId: draft.id })).toEqual([]);

    // After the embargo it goes out.
    time = embargo + 1;
    await call('publish:start', { draftId: draft.id });
    await services.publishing.outbox.settled();
    expect((await call('drafts:get', { id: draft.id })).status).toBe('published');

    // Leaving Scheduled clears the embargo.
    const back = await call('workflow:setStatus', { draftId: draft.id, status: 'draft' });
    expect(back).toMatchObject({ status: 'draft', scheduledAt: null });
  });

  it('does not offer Published or Changed since publish as a choice', async () => {
    const draft = await newDraft('x', 'y');
    const result = await services.dispatch('workflow:setStatus', {
      draftId: draft.id,
      status: 'published' as 'draft',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('schema 5', () => {
  it('carries the old revision snapshots into History and widens the status', () => {
    services.close();
    const path = join(dir, 'old.sqlite');
    const old = openDatabase(path, { migrations: MIGRATIONS.slice(0, 3) });
    const body = articleBody(['Legacy words here.']);
    old
      .prepare(
        `INSERT INTO drafts (id, headline, status, body_json, created_at, updated_at, revision) VALUES ('legacy0001', 'Legacy', 'published', ?, 1, 1, 4)`,
      )
      .run(body);
    const insert = old.prepare(
      `INSERT INTO draft_revisions (draft_id, revision, saved_at, reason, word_count, meta_json, body_json)
       VALUES ('legacy0001', ?, ?, ?, 3, ?, ?)`,
    );
    insert.run(2, 1000, 'autosave', JSON.stringify(meta('Legacy v2')), body);
    insert.run(4, 2000, 'manual', JSON.stringify(meta('Legacy v4')), body);
    old.close();

    const db = openDatabase(path);
    const rows = db
      .prepare(`SELECT seq, revision, label, status, kind FROM draft_history ORDER BY seq`)
      .all();
    expect(rows).toEqual([
      { seq: 1, revision: 2, label: 'Edited', status: 'published', kind: 'legacy' },
      { seq: 2, revision: 4, label: 'Saved version', status: 'published', kind: 'legacy' },
    ]);
    db.prepare(`UPDATE drafts SET status = 'ready_for_edit' WHERE id = 'legacy0001'`).run();
    expect(() => db.prepare(`UPDATE drafts SET status = 'bogus' WHERE id = 'legacy0001'`).run()).toThrow(
      /CHECK constraint failed/,
    );
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(createDraftRepository(db).getRevision('legacy0001', 2).meta.headline).toBe('Legacy v4');
    db.close();
    // The widened constraint is in the file itself, for any later connection.
    const reopened = new Database(path);
    expect(reopened.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'drafts'`).pluck().get()).toContain(
      "'ready_to_publish'",
    );
    reopened.close();
  });
});
