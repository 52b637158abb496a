// Search and paging of the drafts list against a real SQLite file: ranking,
// snippets, captions and credits, filters, keyset paging, and an index that
// follows every save, trash, restore and purge. The last tests go through the
// drafts:list channel (dispatch, zod validation) as the renderer does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyMeta, type ArticleMeta } from '../../src-shared/article';
import { wrapEditorState, type SerializedNodeLike } from '../../src-shared/body';
import type { ImageRef } from '../../src-shared/image';
import type { Result } from '../../src-shared/ipc';
import { DRAFT_SORTS, type DraftPage, type DraftSort } from '../../src-shared/search';
import { createDraftRepository, type DraftRepository } from '../../src-main/services/drafts/draftRepository';
import { createDraftSearch } from '../../src-main/services/drafts/draftSearch';
import { openDatabase } from '../../src-main/services/store/openDatabase';
import { MIGRATIONS } from '../../src-main/services/store/migrations';
import { createServices } from '../../src-main/services/createServices';

function paragraph(text: string): SerializedNodeLike {
  return {
    type: 'paragraph',
    version: 1,
    children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }],
  };
}
function image(caption: string, credit: string): ImageRef {
  return {
    hash: 'b'.repeat(64),
    mime: 'image/jpeg',
    width: 1200,
    height: 800,
    caption,
    credit,
    alt: 'A picture',
    copyright: '',
    fromFile: { caption: false, credit: false, copyright: false },
  };
}
function figure(caption: string, credit: string): SerializedNodeLike {
  return { type: 'image-figure', version: 1, ...image(caption, credit) };
}
function bodyOf(...blocks: (string | SerializedNodeLike)[]): string {
  const children = blocks.map((block) => (typeof block === 'string' ? paragraph(block) : block));
  return JSON.stringify(wrapEditorState({ root: { type: 'root', version: 1, children } }));
}
function metaWith(changes: Partial<ArticleMeta>): ArticleMeta {
  return { ...emptyMeta(), ...changes };
}

let dir: string;
let db: Database.Database;
let time: number;
let drafts: DraftRepository;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'copydesk-search-'));
  db = openDatabase(join(dir, 'copydesk.sqlite'));
  time = 1_700_000_000_000;
  drafts = createDraftRepository(db, () => time);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function write(meta: Partial<ArticleMeta>, ...blocks: (string | SerializedNodeLike)[]): string {
  const { id } = drafts.create();
  time += 1000;
  drafts.save({ id, meta: metaWith(meta), body: bodyOf(...blocks) });
  return id;
}
const ids = (query: string, options: Parameters<DraftRepository['list']>[0] = {}): string[] =>
  drafts.list({ query, ...options }).map((d) => d.id);
const sorted = (list: string[]): string[] => [...list].sort();

/** FTS5's own check that the index matches its content (the drafts_search view) row for row. */
function expectIndexExact(): void {
  expect(() =>
    db.exec(`INSERT INTO drafts_fts (drafts_fts, rank) VALUES ('integrity-check', 1)`),
  ).not.toThrow();
}
const indexedRows = (): number =>
  db.prepare('SELECT count(*) FROM drafts_fts_docsize').pluck().get() as number;

describe('draft search', () => {
  it('ranks a headline match above a standfirst match above a body match', () => {
    const inBody = write({ headline: 'Council budget' }, 'The lighthouse keeper retired after forty years.');
    const inHeadline = write({ headline: 'Lighthouse sold' }, 'A short note about the sale.');
    const inStandfirst = write(
      { headline: 'Coast news', standfirst: 'The old lighthouse changes hands' },
      'Nothing more.',
    );
    expect(ids('lighthouse', { sort: 'relevance' })).toEqual([inHeadline, inStandfirst, inBody]);
    // Each hit carries its own marks, not another hit's.
    const hits = drafts.list({ query: 'lighthouse' });
    expect(hits.map((hit) => hit.headlineParts?.map((p) => p.text).join('') ?? null)).toEqual([
      'Lighthouse sold',
      null,
      null,
    ]);
    expect(hits.map((hit) => hit.snippet?.map((p) => p.text).join(''))).toEqual([
      undefined,
      'The old lighthouse changes hands',
      'The lighthouse keeper retired after forty years.',
    ]);
    // The same results by last edit: newest first.
    expect(ids('lighthouse', { sort: 'edited' })).toEqual([inStandfirst, inHeadline, inBody]);
  });

  it('finds a draft by a word that is only in an image credit or caption, lead image and body figures', () => {
    const lead = write({
      headline: 'Harbour',
      leadImage: image('Boats at dawn', 'Photo: Ilsa Quennell/Agency'),
    });
    const body = write(
      { headline: 'Market' },
      'Stalls open early.',
      figure('Fishmongers at work', 'Tomasz Wrobel'),
    );
    const neither = write({ headline: 'Other' }, 'Quennell is not here.'.replace('Quennell', 'Nobody'));
    expect(ids('quennell')).toEqual([lead]);
    expect(ids('wrobel')).toEqual([body]);
    expect(ids('fishmongers')).toEqual([body]);
    expect(ids('dawn')).toEqual([lead]);
    expect(ids('quennell')).not.toContain(neither);
    const [hit] = drafts.list({ query: 'wrobel' });
    expect(hit?.snippet?.filter((part) => part.match).map((part) => part.text)).toEqual(['Wrobel']);
  });

  it('searches kicker, byline and tags too, tags as words', () => {
    const id = write(
      { kicker: 'Scrolling news', byline: 'Maren Okafor', tags: ['shipping', 'ports'] },
      'Text.',
    );
    expect(ids('scrolling')).toEqual([id]);
    expect(ids('okafor')).toEqual([id]);
    expect(ids('ports')).toEqual([id]);
    const [hit] = drafts.list({ query: 'ports' });
    expect(hit?.snippet?.map((part) => part.text).join('')).toBe('shipping, ports');
  });

  it('answers prefix queries and "phrase" queries', () => {
    const reuters = write(
      { headline: 'Wire story' },
      'Supplied by Reuters to the desk.',
      figure('Crowd', 'Reuters'),
    );
    const reunion = write({ headline: 'Family reunion' }, 'They reunited in spring.');
    const phrase = write({ headline: 'Ferry' }, 'The harbour reopens on Monday after repairs.');
    const scattered = write({ headline: 'Other ferry' }, 'Repairs reopens the debate about the harbour.');
    expect(ids('reut*')).toEqual([reuters]);
    expect(sorted(ids('reu*'))).toEqual(sorted([reuters, reunion]));
    expect(sorted(ids('harbour reopens'))).toEqual(sorted([phrase, scattered]));
    expect(ids('"harbour reopens"')).toEqual([phrase]);
    // An unclosed quote is a phrase still being typed: its last word is a prefix.
    expect(ids('"harbour reo')).toEqual([phrase]);
    // A bare word that is not the last one is a whole word.
    expect(ids('reu monday')).toEqual([]);
  });

  it('returns a snippet of where it matched as text parts, never markup', () => {
    const id = write(
      { headline: 'Plain headline' },
      'Before the match there is <b>markup</b> & an ampersand, then the word kestrel appears, and more words follow.',
    );
    const [hit] = drafts.list({ query: 'kestrel' });
    expect(hit?.id).toBe(id);
    const parts = hit?.snippet ?? [];
    expect(parts.filter((p) => p.match)).toEqual([{ text: 'kestrel', match: true }]);
    const text = parts.map((p) => p.text).join('');
    expect(text).toContain('the word kestrel');
    expect(text.includes('\u0001') || text.includes('\u0002')).toBe(false);
    const [markup] = drafts.list({ query: 'markup' });
    expect(markup?.snippet?.map((p) => p.text).join('')).toContain('<b>markup</b> &');
    // A match in the headline marks the headline itself, without repeating it as a snippet.
    const headed = write({ headline: 'Kestrel nests found' }, 'Nothing else matches here.');
    const [inHeadline] = drafts.list({ query: 'nests' });
    expect(inHeadline?.id).toBe(headed);
    expect(inHeadline?.headlineParts).toEqual([
      { text: 'Kestrel ', match: false },
      { text: 'nests', match: true },
      { text: ' found', match: false },
    ]);
    expect(inHeadline?.snippet).toBeUndefined();
    // The plain list carries no snippet.
    expect(drafts.list()[0]?.snippet).toBeUndefined();
  });

  it('marks each hit of a page with its own match, for quoted, phrase and prefix queries alike', () => {
    // Quoted words and phrases are marked row by row, a prefix in one pass over the page's range:
    // both must give every hit its own snippet, whichever rows lie between them.
    const written = ['alpha', 'beta', 'gamma', 'delta'].map((name, i) =>
      write(
        { headline: `Story ${name}` },
        `Opening ${name} words. The harbour ferry ${name}${i} sails.`,
        'Filler text.',
      ),
    );
    const between = write({ headline: 'Unrelated' }, 'Nothing about boats.');
    const marked = (query: string, sort: DraftSort): Map<string, string[]> =>
      new Map(
        drafts
          .list({ query, sort })
          .map((hit) => [
            hit.id,
            (hit.snippet ?? []).filter((p) => p.match).map((p) => p.text.toLowerCase()),
          ]),
      );
    for (const [query, sort] of ['"harbour ferry"', '"ferry"', 'harb*', '"harbour fer'].flatMap((q) =>
      DRAFT_SORTS.map((sort) => [q, sort] as const),
    )) {
      const marks = marked(query, sort);
      expect(sorted([...marks.keys()]), `${query} by ${sort}`).toEqual(sorted(written));
      expect(marks.has(between)).toBe(false);
      for (const id of written) expect(marks.get(id)?.length, `${query} ${id}`).toBeGreaterThan(0);
    }
    // Each hit's snippet is its own text: the numbered word next to the match belongs to that draft.
    const texts = drafts.list({ query: '"harbour ferry"' });
    for (const hit of texts) {
      const index = written.indexOf(hit.id);
      expect(hit.snippet?.map((p) => p.text).join('')).toContain(
        `${['alpha', 'beta', 'gamma', 'delta'][index]}${index}`,
      );
    }
  });

  it('filters by status, article type, kicker and last-edited range, with or without a query', () => {
    const a = write({ headline: 'Alpha tide', articleType: 'opinion', kicker: 'Comment' }, 'tide');
    const b = write({ headline: 'Beta tide', articleType: 'news', kicker: 'Business' }, 'tide');
    const middle = time + 1; // just after b's last edit
    const c = write({ headline: 'Gamma tide', articleType: 'news', kicker: 'Comment' }, 'tide');
    db.prepare(`UPDATE drafts SET status = 'published' WHERE id = ?`).run(b);
    expect(ids('', { filters: { articleType: 'opinion' } })).toEqual([a]);
    expect(ids('tide', { filters: { articleType: 'news' }, sort: 'edited' })).toEqual([c, b]);
    expect(ids('tide', { filters: { status: 'published' } })).toEqual([b]);
    expect(ids('', { filters: { status: 'draft' } })).toEqual([c, a]);
    expect(ids('tide', { filters: { kicker: 'Comment' }, sort: 'edited' })).toEqual([c, a]);
    expect(ids('', { filters: { editedFrom: middle } })).toEqual([c]);
    expect(ids('', { filters: { editedBefore: middle } })).toEqual([b, a]);
    expect(ids('', { filters: { editedFrom: middle - 1, editedBefore: middle } })).toEqual([b]);
    expect(drafts.sections()).toEqual([
      { kicker: 'Business', count: 1 },
      { kicker: 'Comment', count: 2 },
    ]);
  });

  it('pages by keyset across equal last-edited times: every draft once, in order, nothing skipped', () => {
    const created: string[] = [];
    for (let i = 0; i < 11; i += 1) created.push(drafts.create().id); // all at the same time
    time += 5;
    const newest = drafts.create().id;
    const expected = [newest, ...created.sort().reverse()];
    const seen: string[] = [];
    let page = drafts.page({ limit: 4 });
    let pages = 1;
    while (true) {
      expect(page.drafts.length).toBeLessThanOrEqual(4);
      seen.push(...page.drafts.map((d) => d.id));
      if (page.next === null) break;
      page = drafts.page({ limit: 4, after: page.next });
      pages += 1;
    }
    expect(seen).toEqual(expected);
    expect(pages).toBe(3);
    // A draft edited while paging moves to the top; the pages after the cursor are not disturbed.
    const first = drafts.page({ limit: 4 });
    time += 5;
    drafts.save({ id: expected[9]!, meta: emptyMeta(), body: bodyOf('moved') });
    const second = drafts.page({ limit: 4, after: first.next! });
    expect(second.drafts.map((d) => d.id)).toEqual(expected.slice(4, 8));
  });

  it('pages relevance-ranked results by position and refuses a cursor of the other kind', () => {
    for (let i = 0; i < 5; i += 1) write({ headline: `Otter ${i}` }, 'otter '.repeat(i + 1));
    const first = drafts.page({ query: 'otter', limit: 3 });
    expect(first.next).toEqual({ offset: 3 });
    const second = drafts.page({ query: 'otter', limit: 3, after: first.next! });
    expect(second.next).toBeNull();
    expect(sorted([...first.drafts, ...second.drafts].map((d) => d.id))).toHaveLength(5);
    expect(new Set([...first.drafts, ...second.drafts].map((d) => d.id)).size).toBe(5);
    expect(() => drafts.page({ limit: 3, after: { offset: 3 } })).toThrow(/changed its order/);
  });

  it('ranks only the newest matches of a very common word, but sorts every match by last edit', () => {
    const search = createDraftSearch(db, { rankWindow: 3 });
    const tern: string[] = [];
    for (let i = 0; i < 8; i += 1) tern.push(write({ headline: `Tern ${i}` }, 'tern '.repeat(8 - i)));
    write({ headline: 'Other' }, 'no match');
    // Edit the oldest last, so last-edited order differs from creation order.
    time += 1000;
    drafts.save({ id: tern[0]!, meta: metaWith({ headline: 'Tern 0' }), body: bodyOf('tern tern') });
    const ranked = search.page({ query: 'tern', limit: 10 }).drafts.map((d) => d.id);
    expect(sorted(ranked)).toEqual(sorted(tern.slice(5)));
    // Newest edit first goes through the last-edited index, across pages, over all eight.
    const first = search.page({ query: 'tern', sort: 'edited', limit: 5 });
    const second = search.page({ query: 'tern', sort: 'edited', limit: 5, after: first.next! });
    expect(second.next).toBeNull();
    expect([...first.drafts, ...second.drafts].map((d) => d.id)).toEqual([
      tern[0],
      ...tern.slice(1).reverse(),
    ]);
    // Hits on that path carry their marks too.
    expect(second.drafts.at(-1)?.headlineParts?.find((p) => p.match)?.text).toBe('Tern');
    expect(second.drafts.at(-1)?.snippet?.some((p) => p.match)).toBe(true);
    // A filter applies on that path too.
    expect(search.page({ query: 'tern', sort: 'edited', filters: { status: 'published' } }).drafts).toEqual(
      [],
    );
  });

  it('ranks a phrase among the newest drafts holding it, widening when a word beside it leaves too few', () => {
    const search = createDraftSearch(db, { rankWindow: 3, windowMinHits: 2 });
    // Old drafts with the phrase and "late" (one in the headline), then newer ones with the phrase alone
    // and with both words apart.
    const bodyHit = write({ headline: 'Minutes' }, 'the harbour ferry was late again');
    const headHit = write({ headline: 'Harbour ferry returns late' }, 'nothing else');
    const apart = [0, 1].map((i) => write({ headline: `Apart ${i}` }, 'ferry times at the harbour, late'));
    const recent = [0, 1, 2, 3].map((i) => write({ headline: `Recent ${i}` }, 'a harbour ferry sails'));
    // Ranked among the newest three drafts holding the phrase.
    expect(sorted(search.page({ query: '"harbour ferry"' }).drafts.map((d) => d.id))).toEqual(
      sorted(recent.slice(1)),
    );
    // Sorted by last edit, every draft holding the phrase is listed, none holding its words apart.
    expect(sorted(search.page({ query: '"harbour ferry"', sort: 'edited' }).drafts.map((d) => d.id))).toEqual(
      sorted([bodyHit, headHit, ...recent]),
    );
    // With "late" beside it, the newest three holding the phrase hold no hit: the window widens to the
    // newest drafts that hold both, ranked by where the phrase is (the headline above the body), marked.
    const page = search.page({ query: '"harbour ferry" late' });
    expect(page.drafts.map((d) => d.id)).toEqual([headHit, bodyHit]);
    expect(page.drafts[1]?.snippet?.filter((p) => p.match).map((p) => p.text)).toEqual([
      'harbour ferry',
      'late',
    ]);
    // The words apart are found by the words, not by the phrase.
    expect(search.page({ query: 'harbour ferry late', sort: 'edited' }).drafts.map((d) => d.id)).toEqual(
      expect.arrayContaining(apart),
    );
  });

  it('ranks the newest matches that pass the filters and the trash, not the newest matches', () => {
    const search = createDraftSearch(db, { rankWindow: 3, windowMinHits: 2 });
    const review = write({ headline: 'Old gull', articleType: 'opinion' }, 'gull');
    const trashed = write({ headline: 'Binned gull' }, 'gull');
    drafts.trash(trashed);
    for (let i = 0; i < 6; i += 1) write({ headline: `Gull ${i}` }, 'gull gull');
    expect(
      search.page({ query: 'gull', filters: { articleType: 'opinion' } }).drafts.map((d) => d.id),
    ).toEqual([review]);
    expect(search.page({ query: 'gull', trash: true }).drafts.map((d) => d.id)).toEqual([trashed]);
    // Without a filter, the window is the newest three.
    expect(search.page({ query: 'gull' }).drafts).toHaveLength(3);
  });

  it('keeps the index exact through save, trash, restore and purge', () => {
    const id = write({ headline: 'Osprey' }, 'first words', figure('Nest', 'Ada Lindqvist'));
    expect(ids('lindqvist')).toEqual([id]);
    expectIndexExact();

    drafts.save({
      id,
      meta: metaWith({ headline: 'Heron' }),
      body: bodyOf('second words', figure('Nest', 'Bo Carrow')),
    });
    expect(ids('osprey')).toEqual([]);
    expect(ids('lindqvist')).toEqual([]);
    expect(ids('carrow heron')).toEqual([id]);
    expectIndexExact();

    drafts.trash(id);
    expect(ids('carrow')).toEqual([]);
    expect(ids('carrow', { trash: true })).toEqual([id]);
    expectIndexExact();

    drafts.restore(id);
    expect(ids('carrow')).toEqual([id]);
    expectIndexExact();

    const before = indexedRows();
    drafts.trash(id);
    drafts.purge(id);
    expect(ids('carrow', { trash: true })).toEqual([]);
    expect(indexedRows()).toBe(before - 1);
    expect(db.prepare('SELECT count(*) FROM draft_search_text').pluck().get()).toBe(before - 1);
    expectIndexExact();
  });

  it('rolls the index back with a save that fails inside its transaction', () => {
    const id = write({ headline: 'Kingfisher' }, 'text');
    const failing = db.transaction(() => {
      db.prepare(`UPDATE drafts SET headline = 'Cormorant' WHERE id = ?`).run(id);
      throw new Error('disk full');
    });
    expect(() => failing()).toThrow('disk full');
    expect(ids('cormorant')).toEqual([]);
    expect(ids('kingfisher')).toEqual([id]);
    expectIndexExact();
  });

  it('plans the list on the keyset index and the search from the full-text match', () => {
    const plan = (sql: string, ...params: unknown[]): string =>
      db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(...params)
        .map((row) => (row as { detail: string }).detail)
        .join('\n');
    const list = plan(
      `SELECT d.id FROM drafts AS d WHERE d.deleted_at IS NULL AND d.status = 'draft'
       AND (d.updated_at, d.id) < (?, ?) ORDER BY d.updated_at DESC, d.id DESC LIMIT 50`,
      time,
      'x'.repeat(8),
    );
    expect(list).toContain('drafts_live_by_updated');
    expect(list).not.toContain('TEMP B-TREE');
    const search = plan(
      `SELECT d.id FROM drafts_fts AS f CROSS JOIN drafts AS d ON d.seq = f.rowid
       WHERE drafts_fts MATCH ? AND d.deleted_at IS NULL ORDER BY d.updated_at DESC LIMIT 50`,
      '"x"',
    );
    expect(search.split('\n')[0]).toMatch(/VIRTUAL TABLE INDEX/);
  });
});

describe('prefix index', () => {
  it('keeps 2-, 3- and 4-letter prefix indexes beside the words, and a prefix of those lengths finds its drafts', () => {
    // Enough distinct words that the index spans several leaf pages, each listed in drafts_fts_idx by its first key.
    const words = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}x${(i * 7919).toString(36)}`);
    const sets = [0, 1, 2].map((i) =>
      write({ headline: `Set ${i}` }, words.slice(i * 1000, (i + 1) * 1000).join(' ')),
    );
    const harbour = write({ headline: 'Harbour reopens' }, 'The harbourmaster spoke.');
    const harp = write({ headline: 'Harp recital' }, 'Strings.');
    db.exec(`INSERT INTO drafts_fts (drafts_fts) VALUES ('optimize')`);
    // FTS5 keys begin with a byte naming their index: '0' the words, '1', '2', '3' the prefix indexes in
    // the order of the table's prefix option.
    const indexes = db
      .prepare(
        `SELECT DISTINCT CAST(substr(term, 1, 1) AS TEXT) AS ix FROM drafts_fts_idx WHERE length(term) > 0 ORDER BY ix`,
      )
      .pluck()
      .all();
    expect(indexes).toEqual(['0', '1', '2', '3']);
    const sql = db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'drafts_fts'`).pluck().get() as string;
    expect(sql).toMatch(/prefix = '2 3 4'/);
    // Prefixes of each indexed length, and a longer one (read from the words' index instead).
    expect(sorted(ids('ha*'))).toEqual(sorted([harbour, harp]));
    expect(sorted(ids('har*'))).toEqual(sorted([harbour, harp]));
    expect(ids('harb*')).toEqual([harbour]);
    expect(ids('harbourm*')).toEqual([harbour]);
    expect(sorted(ids('w1*'))).toEqual(sorted(sets));
    expectIndexExact();
  });
});

describe('migration 6', () => {
  it('backfills the new index from drafts written before it, captions and credits included', () => {
    db.close();
    const path = join(dir, 'old.sqlite');
    const old = openDatabase(path, { migrations: MIGRATIONS.slice(0, 3) });
    old
      .prepare(
        `INSERT INTO drafts (id, headline, kicker, tags, lead_image, body_json, body_text, created_at, updated_at)
         VALUES ('olddraft01', 'Old headline', 'Archive', '["vintage"]', ?, ?, 'old words', 1, 2)`,
      )
      .run(
        JSON.stringify(image('Pier at night', 'Nils Brightwater')),
        bodyOf('old words', figure('Gulls', 'Pia Sandoval')),
      );
    old.close();
    db = openDatabase(path);
    drafts = createDraftRepository(db, () => time);
    for (const query of ['brightwater', 'sandoval', 'archive', 'vintage', 'old headline', 'gulls']) {
      expect(ids(query)).toEqual(['olddraft01']);
    }
    expectIndexExact();
  });
});

describe('drafts:list through the channel', () => {
  it('returns only the page asked for, and the next page from its cursor', async () => {
    const services = createServices({
      dataDir: join(dir, 'services'),
      shell: 'browser',
      version: 'test',
      backupIntervalMs: 0,
      log: { error() {} },
      openExternal: async () => {},
    });
    try {
      const insert = services.store.db.transaction(() => {
        for (let i = 0; i < 130; i += 1) services.drafts.create();
      });
      insert();
      const value = (result: Result<unknown>): DraftPage => {
        if (!result.ok) throw new Error(result.error.message);
        return result.value as DraftPage;
      };
      const first = value(await services.dispatch('drafts:list', { limit: 60 }));
      expect(first.drafts).toHaveLength(60);
      expect(first.next).not.toBeNull();
      // What crosses the channel is the page, not the whole list.
      expect(JSON.stringify(first).length).toBeLessThan(JSON.stringify(first.drafts[0]).length * 70);
      const second = value(await services.dispatch('drafts:list', { limit: 60, after: first.next! }));
      const third = value(await services.dispatch('drafts:list', { limit: 60, after: second.next! }));
      expect([first, second, third].map((p) => p.drafts.length)).toEqual([60, 60, 10]);
      expect(third.next).toBeNull();
      expect(new Set([first, second, third].flatMap((p) => p.drafts.map((d) => d.id))).size).toBe(130);
      // Without a limit the channel still answers one page, never the whole table.
      expect(value(await services.dispatch('drafts:list', {})).drafts).toHaveLength(50);
      const refused = await services.dispatch('drafts:list', { limit: 100_000 });
      expect(refused.ok).toBe(false);
      const badFilter = await services.dispatch('drafts:list', { filters: { status: 'lost' } });
      expect(badFilter.ok).toBe(false);
    } finally {
      services.close();
    }
  });
});
