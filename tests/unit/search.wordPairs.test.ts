// The word-pair index behind phrase search (store/wordPairs.ts, schema 8)
// against the real SQLite: its words are FTS5's words, character for
// character; a phrase search through the channel finds exactly the drafts
// FTS5's own phrase match finds; the triggers keep it exact through every
// write; and a connection that lacks the pair function cannot write a draft
// past it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../src-shared/ipc';
import { SNIPPET_CLOSE, SNIPPET_OPEN, type DraftPage, type DraftSort } from '../../src-shared/search';
import { createServices, type Services } from '../../src-main/services/createServices';
import {
  SCRATCH_MARKS_MAX_WORDS,
  SNIPPET_TOKENS,
  withMarks,
} from '../../src-main/services/drafts/draftSearch';
import { buildFtsQuery } from '../../src-main/services/drafts/ftsQuery';
import { MIGRATIONS } from '../../src-main/services/store/migrations';
import { openDatabase } from '../../src-main/services/store/openDatabase';
import { UNICODE61_WORD } from '../../src-main/services/store/unicode61Table';
import { unicode61Words, wordPairs } from '../../src-main/services/store/wordPairs';
import { classOf, probeUnicode61 } from '../../scripts/gen-unicode61.mjs';
import { bodyOf, metaWith } from '../support/draftBodies';
import { seededRandom } from '../support/seededRandom';

/** Characters where JavaScript's idea of a letter or number and unicode61's part ways, a few from each stretch. */
function disagreements(): string[] {
  const js = /[\p{L}\p{N}\p{Co}]/u;
  const ours = new RegExp(`^${UNICODE61_WORD.source}$`, 'u');
  const found: string[] = [];
  for (let c = 0x80; c < 0x30000 && found.length < 60; c += 37) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCodePoint(c);
    if (js.test(ch) !== ours.test(ch)) found.push(ch);
  }
  return found;
}

/** Pieces of text that stress word boundaries: punctuation, marks that fold away or split words, other scripts. */
const PIECES = [
  'harbour',
  'Ferry',
  'ÉCLAIR',
  'straße',
  'ǅemal',
  'İstanbul',
  'ﬁne',
  'naïve',
  'cafe\u0301',
  '\u0301',
  '\u0308\u0327',
  'a\u0305b',
  'x\u0483y',
  'कि',
  '中文',
  'ひらがな',
  '😀',
  '🦊',
  'covid-19',
  "o'neill",
  'o’neill',
  'snake_case',
  '42',
  '½',
  '\u00ad',
  '\u200b',
  '\u200d',
  '\ufffd',
  '\ue000',
  '\u0378',
];
const SEPARATORS = [' ', ' ', ' ', '\n', '\t', '\u00a0', ', ', '. ', ' — ', '-', '/', ''];

function randomText(random: () => number, extra: string[], words: number): string {
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  let text = '';
  for (let i = 0; i < words; i += 1) {
    text += random() < 0.25 ? pick(extra) : pick(PIECES);
    if (random() < 0.3) text += pick(extra);
    text += pick(SEPARATORS);
  }
  return text;
}

describe('the word-pair tokenizer', () => {
  it('keeps the same word characters as the SQLite that runs here (regenerate with scripts/gen-unicode61.mjs)', () => {
    const probe = probeUnicode61();
    expect(probe.word.length).toBeGreaterThan(100);
    expect(UNICODE61_WORD.source).toBe(`[${classOf(probe.word)}]+`);
  });

  it('makes exactly the words and pairs FTS5 makes, for 400 texts of awkward characters', () => {
    const db = new Database(':memory:');
    try {
      const live = openLiveSchema();
      // The same tokenizers as the app's tables: drafts_fts's words, drafts_pairs's pairs (detail=full here, to read positions).
      db.exec(`CREATE VIRTUAL TABLE words USING fts5 (x, tokenize = ${live.words});
               CREATE VIRTUAL TABLE words_at USING fts5vocab (words, 'instance');
               CREATE VIRTUAL TABLE pairs USING fts5 (x, tokenize = ${live.pairs});
               CREATE VIRTUAL TABLE pairs_at USING fts5vocab (pairs, 'instance');`);
      const random = seededRandom(8);
      const extra = disagreements();
      expect(extra.length, 'characters where JavaScript and unicode61 disagree').toBeGreaterThan(10);
      const texts = Array.from({ length: 400 }, () =>
        randomText(random, extra, 1 + Math.floor(random() * 12)),
      );
      const insertWords = db.prepare('INSERT INTO words (rowid, x) VALUES (?, ?)');
      const insertPairs = db.prepare('INSERT INTO pairs (rowid, x) VALUES (?, ?)');
      texts.forEach((text, i) => {
        insertWords.run(i + 1, text);
        insertPairs.run(i + 1, wordPairs(text));
      });
      const inOrder = (table: string, doc: number): string[] =>
        (
          db.prepare(`SELECT term FROM ${table} WHERE doc = ? ORDER BY offset`).pluck().all(doc) as string[]
        ).map(String);
      texts.forEach((text, i) => {
        const words = inOrder('words_at', i + 1);
        const expected = words.slice(1).map((word, k) => `${words[k]}_${word}`);
        const context = JSON.stringify(text);
        expect(unicode61Words(text), context).toHaveLength(words.length);
        expect(inOrder('pairs_at', i + 1), context).toEqual(expected);
      });
    } finally {
      db.close();
    }
  });
});

/** The tokenize options of drafts_fts and drafts_pairs as a migrated database declares them. */
function openLiveSchema(): { words: string; pairs: string } {
  const db = openDatabase(':memory:');
  try {
    const tokenizer = (table: string): string => {
      const sql = db.prepare('SELECT sql FROM sqlite_master WHERE name = ?').pluck().get(table) as string;
      return /tokenize = ('[^']*')/.exec(sql)![1]!;
    };
    return { words: tokenizer('drafts_fts'), pairs: tokenizer('drafts_pairs') };
  } finally {
    db.close();
  }
}

let dir: string;
let services: Services;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'copydesk-pairs-'));
  services = createServices({
    dataDir: dir,
    shell: 'browser',
    version: 'test',
    backupIntervalMs: 0,
    log: { error() {} },
    openExternal: async () => {},
  });
});
afterEach(() => {
  services.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every draft id a query finds through the drafts:list channel, all pages (by last edit unless asked). */
async function found(query: string, trash = false, sort: DraftSort = 'edited'): Promise<string[]> {
  const ids: string[] = [];
  let after: DraftPage['next'] = null;
  do {
    const result: Result<unknown> = await services.dispatch('drafts:list', {
      query,
      sort,
      limit: 200,
      ...(trash ? { trash } : {}),
      ...(after ? { after } : {}),
    });
    if (!result.ok) throw new Error(`${query}: ${result.error.message}`);
    const page = result.value as DraftPage;
    ids.push(...page.drafts.map((d) => d.id));
    after = page.next;
  } while (after !== null);
  return ids.sort();
}

/** The draft ids a query of the test's own selects. */
function idsOf(sql: string, ...params: unknown[]): Set<string> {
  return new Set(
    services.store.db
      .prepare(sql)
      .pluck()
      .all(...params) as string[],
  );
}

/** What FTS5's own phrase match finds for the same query, read straight from drafts_fts (live drafts). */
function truth(match: string): string[] {
  return (
    services.store.db
      .prepare(
        `SELECT d.id FROM drafts_fts JOIN drafts AS d ON d.seq = drafts_fts.rowid
         WHERE drafts_fts MATCH ? AND d.deleted_at IS NULL`,
      )
      .pluck()
      .all(match) as string[]
  ).sort();
}

/**
 * Fills the desk with 120 drafts of awkward text (every 30th long enough to
 * stay out of the pair index) and returns about 750 queries drawn from it:
 * two words, three, an unclosed quote (its last word a prefix), a phrase and
 * a word, and the words reversed.
 */
function awkwardDesk(): string[] {
  const random = seededRandom(21);
  const extra = disagreements();
  const texts: string[] = [];
  services.store.db.transaction(() => {
    for (let i = 0; i < 120; i += 1) {
      const { id } = services.drafts.create();
      const headline = randomText(random, extra, 3);
      const body = [randomText(random, extra, 20), randomText(random, extra, 20)];
      // Every 30th draft is long enough to be left out of the pair index (drafts_unpaired).
      if (i % 30 === 0) body.push(randomText(random, extra, 9_000));
      texts.push(headline, ...body);
      services.drafts.save({
        id,
        meta: metaWith({ headline, byline: randomText(random, extra, 2) }),
        body: bodyOf(...body),
      });
    }
  })();
  const queries: string[] = [];
  for (let i = 0; i < 150; i += 1) {
    const text = texts[Math.floor(random() * texts.length)]!;
    const words = text.split(/\s+/).filter(Boolean);
    if (words.length < 3) continue;
    const at = Math.floor(random() * (words.length - 2));
    const two = `${words[at]} ${words[at + 1]}`;
    const three = `${two} ${words[at + 2]}`;
    const other = texts[Math.floor(random() * texts.length)]!.split(/\s+/).find(Boolean) ?? 'harbour';
    // Two words, three, an unclosed quote (its last word a prefix), a phrase and a word, the words reversed.
    queries.push(
      `"${two}"`,
      `"${three}"`,
      `"${two.slice(0, -1)}`,
      `"${two}" ${other}`,
      `"${words[at + 1]} ${words[at]}"`,
    );
  }
  return queries;
}

describe('phrase search through the word-pair index', () => {
  it('finds exactly the drafts FTS5 finds, for two-word, longer, prefix and mixed phrases', async () => {
    const queries = awkwardDesk();
    let compared = 0;
    let nonEmpty = 0;
    let foundLong = 0;
    const long = idsOf('SELECT d.id FROM drafts AS d JOIN drafts_unpaired AS u ON u.seq = d.seq');
    for (const query of queries) {
      const match = buildFtsQuery(query);
      if (match === null) continue;
      const expected = truth(match);
      expect(await found(query), `${query} → ${match}`).toEqual(expected);
      expect(await found(query, false, 'relevance'), `${query} → ${match}, ranked`).toEqual(expected);
      compared += 1;
      if (expected.length > 0) nonEmpty += 1;
      if (expected.some((id) => long.has(id))) foundLong += 1;
    }
    // The comparison has teeth: most queries find something, and the reversed pairs mostly do not.
    expect(compared).toBeGreaterThan(500);
    expect(nonEmpty).toBeGreaterThan(compared / 2);
    // The long drafts are checked one by one, not through pairs, and found all the same.
    const unpaired = services.store.db.prepare('SELECT count(*) FROM drafts_unpaired').pluck().get();
    expect(unpaired).toBe(4);
    expect(foundLong).toBeGreaterThan(20);
  });

  it('marks every hit of a page as FTS5 marks it in drafts_fts, for phrases, words and prefixes', async () => {
    // The page's marks come from a scratch index of its rows (draftSearch.ts); they must be
    // drafts_fts's own highlight() and snippet(), character for character.
    const queries = awkwardDesk()
      .filter((_, i) => i % 5 === 0)
      .flatMap((query) => {
        const word = query.replaceAll('"', '').split(/\s+/)[0]!;
        return [query, word, `${[...word].slice(0, 3).join('')}*`];
      });
    const inFts = services.store.db.prepare<[string, string], { headline: string; snippet: string }>(
      `SELECT highlight(drafts_fts, 1, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}') AS headline,
              snippet(drafts_fts, -1, '${SNIPPET_OPEN}', '${SNIPPET_CLOSE}', '…', ${SNIPPET_TOKENS}) AS snippet
       FROM drafts_fts WHERE drafts_fts MATCH ? AND rowid = (SELECT seq FROM drafts WHERE id = ?)`,
    );
    let hits = 0;
    let snippets = 0;
    // Phrase hits long enough to be marked row by row in drafts_fts (SCRATCH_MARKS_MAX_WORDS), not in the scratch index.
    let longPhraseHits = 0;
    const long = idsOf('SELECT id FROM drafts WHERE word_count > ?', SCRATCH_MARKS_MAX_WORDS);
    for (const query of queries) {
      const match = buildFtsQuery(query);
      if (match === null) continue;
      for (const sort of ['relevance', 'edited'] as const) {
        const result = await services.dispatch('drafts:list', { query, sort, limit: 20 });
        if (!result.ok) throw new Error(`${query}: ${result.error.message}`);
        for (const item of (result.value as DraftPage).drafts) {
          const expected = inFts.get(match, item.id);
          if (!expected) throw new Error(`${query}: ${item.id} is not a hit in drafts_fts`);
          const { headlineParts: _headline, snippet: _snippet, ...plain } = item;
          expect(item, `${query} (${sort})`).toEqual(withMarks(plain, expected.headline, expected.snippet));
          hits += 1;
          if (item.snippet?.some((part) => part.match)) snippets += 1;
          if (query.startsWith('"') && long.has(item.id)) longPhraseHits += 1;
        }
      }
    }
    // The comparison has teeth: many hits, most of them with a marked snippet, long drafts among the phrase hits.
    expect(hits).toBeGreaterThan(1_000);
    expect(snippets).toBeGreaterThan(hits / 2);
    expect(longPhraseHits).toBeGreaterThan(10);
  });

  it('ranks by relevance the same drafts it lists by last edit', async () => {
    const ids = ['the harbour ferry sails', 'ferry to the harbour', 'harbour ferry', 'a harbour, ferry'].map(
      (text, i) => {
        const { id } = services.drafts.create();
        services.drafts.save({ id, meta: metaWith({ headline: `Draft ${i}` }), body: bodyOf(text) });
        return id;
      },
    );
    const result = await services.dispatch('drafts:list', { query: '"harbour ferry"', limit: 20 });
    if (!result.ok) throw new Error(result.error.message);
    const ranked = (result.value as DraftPage).drafts.map((d) => d.id).sort();
    // A comma does not part a phrase for FTS5, so "a harbour, ferry" holds it too.
    expect(ranked).toEqual([ids[0]!, ids[2]!, ids[3]!].sort());
    expect(await found('"harbour ferry"')).toEqual(ranked);
  });

  it('follows every save, trash, restore and purge, and a History restore', async () => {
    const { id } = services.drafts.create();
    services.drafts.save({
      id,
      meta: metaWith({ headline: 'Osprey nest found' }),
      body: bodyOf('Ada Lindqvist saw it'),
    });
    services.drafts.recordRevision(id, { kind: 'edited', label: 'Edited' });
    expect(await found('"ada lindqvist"')).toEqual([id]);
    expect(await found('"osprey nest"')).toEqual([id]);

    services.drafts.save({
      id,
      meta: metaWith({ headline: 'Heron nest found' }),
      body: bodyOf('Bo Carrow saw it'),
    });
    expect(await found('"ada lindqvist"')).toEqual([]);
    expect(await found('"osprey nest"')).toEqual([]);
    expect(await found('"bo carrow"')).toEqual([id]);

    services.drafts.trash(id);
    expect(await found('"bo carrow"')).toEqual([]);
    expect(await found('"bo carrow"', true)).toEqual([id]);
    services.drafts.restore(id);
    expect(await found('"bo carrow"')).toEqual([id]);

    const [oldest] = services.drafts.listRevisions(id).slice(-1);
    services.drafts.restoreRevision(id, oldest!.seq);
    expect(await found('"ada lindqvist"')).toEqual([id]);
    expect(await found('"bo carrow"')).toEqual([]);

    const pairRows = (): number =>
      services.store.db.prepare('SELECT count(*) FROM drafts_pairs_docsize').pluck().get() as number;
    const before = pairRows();
    services.drafts.trash(id);
    services.drafts.purge(id);
    expect(pairRows()).toBe(before - 1);
    expect(await found('"ada lindqvist"', true)).toEqual([]);
  });

  it('ranks a long draft that holds a phrase after the drafts found by their pairs (README, Search drafts)', async () => {
    const long = services.drafts.create().id;
    services.drafts.save({
      id: long,
      meta: metaWith({ headline: 'Harbour ferry: the long read' }),
      body: bodyOf('filler words here and there. '.repeat(1_500)),
    });
    const short = services.drafts.create().id;
    services.drafts.save({
      id: short,
      meta: metaWith({ headline: 'Minutes' }),
      body: bodyOf('the harbour ferry'),
    });
    const result = await services.dispatch('drafts:list', { query: '"harbour ferry"', limit: 20 });
    if (!result.ok) throw new Error(result.error.message);
    // The long draft holds the phrase in its headline, the short one only in its body.
    expect((result.value as DraftPage).drafts.map((d) => d.id)).toEqual([short, long]);
  });

  it('keeps a long draft out of the pair index and finds its phrases all the same, and moves it back when cut', async () => {
    const { id } = services.drafts.create();
    const long = `${'filler words here and there. '.repeat(1_500)}the harbour ferry sails at dawn`;
    services.drafts.save({ id, meta: metaWith({ headline: 'Long read' }), body: bodyOf(long) });
    const where = (): string[] =>
      [
        services.store.db.prepare('SELECT count(*) FROM drafts_pairs_docsize').pluck().get() === 1
          ? 'pairs'
          : '',
        services.store.db.prepare('SELECT count(*) FROM drafts_unpaired').pluck().get() === 1
          ? 'unpaired'
          : '',
      ].filter(Boolean);
    expect(where()).toEqual(['unpaired']);
    expect(await found('"harbour ferry"')).toEqual([id]);
    expect(await found('"harbour ferry"', false, 'relevance')).toEqual([id]);
    expect(await found('"ferry harbour"', false, 'relevance')).toEqual([]);
    services.drafts.save({
      id,
      meta: metaWith({ headline: 'Long read' }),
      body: bodyOf('the harbour ferry sails'),
    });
    expect(where()).toEqual(['pairs']);
    expect(await found('"harbour ferry"', false, 'relevance')).toEqual([id]);
  });

  it('refuses a write of a draft on a connection without the pair function, rather than skip the index', () => {
    const { id } = services.drafts.create();
    const raw = new Database(join(dir, 'copydesk.sqlite'));
    try {
      expect(() => raw.prepare(`UPDATE drafts SET headline = 'Bypassed' WHERE id = ?`).run(id)).toThrow(
        /no such function: copydesk_word_pairs/,
      );
    } finally {
      raw.close();
    }
  });
});

describe('migration 8', () => {
  it('builds the pair index from drafts written before it', () => {
    const path = join(dir, 'old.sqlite');
    const old = openDatabase(path, { migrations: MIGRATIONS.slice(0, 7) });
    old
      .prepare(
        `INSERT INTO drafts (id, headline, kicker, tags, body_json, body_text, created_at, updated_at)
         VALUES ('olddraft01', 'Old harbour ferry', 'Archive', '["vintage", "sea"]', ?, 'tide tables turn', 1, 2)`,
      )
      .run(bodyOf('tide tables turn'));
    old.close();
    const db = openDatabase(path);
    try {
      const phrase = (pairs: string): number[] =>
        db
          .prepare('SELECT rowid FROM drafts_pairs WHERE drafts_pairs MATCH ?')
          .pluck()
          .all(pairs) as number[];
      expect(phrase('"harbour_ferry"')).toHaveLength(1);
      expect(phrase('"tables_turn"')).toHaveLength(1);
      expect(phrase('"vintage_sea"')).toHaveLength(1);
      expect(phrase('"ferry_harbour"')).toHaveLength(0);
    } finally {
      db.close();
    }
  });
});
