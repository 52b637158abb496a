// Search over a big desk: p95 time of one "Search drafts" query through the
// real channel handler (dispatch("drafts:list"): validation, FTS5 match,
// bm25 ranking, first page of 20, snippets) over a generated corpus of
// ~600-word drafts, each with a lead image and two body figures carrying
// captions and credits (phrases go through the word-pair index, drafts_pairs).
// Query kinds: a word as typed, the word quoted, a prefix, a two-word and a
// three-word phrase, and a word with a filter. Peer, same run, same file: a
// plain LIKE '%word%' scan of the same drafts table for the same first page.
// Also the index size per draft.
//
// COPYDESK_BENCH_SEARCH_DRAFTS=<n> sets the corpus size (default 100,000;
// 10,000 in --quick).
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import dictionaryEn from 'dictionary-en';
import { emptyMeta, openServices, tempDataDir } from '../lib/app.mjs';
import { formatMs, percentile } from '../lib/stats.mjs';
import { seededRandom } from '../lib/text.mjs';

const TARGET_P95_MS = 20;
/** Rows asked for: about a screenful, what the drafts list asks for first (firstScreenful() at 1080 px is 23). */
const PAGE = 20;
const WORDS_PER_DRAFT = 600;
const VOCABULARY = 30_000;
const SYLLABLES = [
  'ka',
  'lo',
  'mer',
  'sti',
  'van',
  'dro',
  'pel',
  'tu',
  'ris',
  'no',
  'bel',
  'qua',
  'zen',
  'ha',
];
const SYLLABLES_B = [
  'mi',
  'tor',
  'an',
  'sel',
  'ko',
  'ber',
  'ul',
  'fen',
  'gra',
  'di',
  'op',
  'yes',
  'wa',
  'ne',
];
const AGENCIES = ['Reutersen', 'Asspress', 'Gettimago', 'Agenzia Voltri', 'Staff', 'Pool', 'Handout'];
const KICKERS = ['Politics', 'Business', 'Sport', 'Culture', 'Science', 'Opinion', 'World', 'Local'];
const TYPES = ['news', 'opinion', 'analysis', 'feature'];

/** Lower-case English words of Hunspell's en dictionary (dictionary-en, already a dependency), flags stripped. */
function englishWords() {
  const dic = new TextDecoder().decode(dictionaryEn.dic);
  const words = new Set();
  for (const line of dic.split('\n').slice(1)) {
    const word = line.split('/')[0];
    if (/^[a-z]{2,}$/.test(word)) words.add(word);
  }
  return [...words];
}

/**
 * A seeded vocabulary of 30,000 words with Zipf-like frequencies (rank r drawn
 * with probability ∝ 1/r), so a few words are in nearly every draft and most
 * are rare, as in real text.
 *
 * - 'english': real English words (from the en dictionary), so prefixes are
 *   shared as in real text; shorter words get the more common ranks (as in
 *   real text), ties in a seeded order.
 * - 'invented': words built from 28 syllables, so almost every word begins
 *   hundreds of others: the worst case for prefix queries.
 */
export function makeLanguage(seed, kind = 'invented') {
  const random = seededRandom(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  let vocabulary;
  if (kind === 'english') {
    const shuffled = englishWords()
      .map((word) => ({ word, key: random() }))
      .sort((a, b) => a.key - b.key)
      .slice(0, VOCABULARY);
    vocabulary = shuffled
      .sort((a, b) => a.word.length - b.word.length || a.key - b.key)
      .map((entry) => entry.word);
  } else {
    const words = new Set();
    while (words.size < VOCABULARY) {
      const syllables = 1 + Math.floor(random() * 4);
      let word = '';
      for (let i = 0; i < syllables; i += 1) word += i % 2 === 0 ? pick(SYLLABLES) : pick(SYLLABLES_B);
      words.add(word);
    }
    vocabulary = [...words];
  }
  // Cumulative 1/r weights for sampling by rank.
  const cumulative = new Float64Array(VOCABULARY);
  let total = 0;
  for (let r = 0; r < VOCABULARY; r += 1) cumulative[r] = total += 1 / (r + 1);
  const word = () => {
    const x = random() * total;
    let lo = 0;
    let hi = VOCABULARY - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return vocabulary[lo];
  };
  const sentence = (n) => {
    const parts = Array.from({ length: n }, word);
    parts[0] = parts[0].charAt(0).toUpperCase() + parts[0].slice(1);
    return `${parts.join(' ')}.`;
  };
  const name = () => {
    const w = word();
    return w.charAt(0).toUpperCase() + w.slice(1);
  };
  return { random, pick, word, sentence, name, vocabulary };
}

function image(lang, i) {
  return {
    hash: (i % 16).toString(16).repeat(64),
    mime: 'image/jpeg',
    width: 1200,
    height: 800,
    caption: lang.sentence(6 + Math.floor(lang.random() * 8)),
    credit: `${lang.name()} ${lang.name()}/${lang.pick(AGENCIES)}`,
    alt: lang.sentence(5),
    copyright: '',
    fromFile: { caption: false, credit: false, copyright: false },
  };
}

const paragraphNode = (text) => ({
  type: 'paragraph',
  version: 1,
  direction: 'ltr',
  format: '',
  indent: 0,
  textFormat: 0,
  textStyle: '',
  children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }],
});

/** One generated draft: meta and body JSON (~600 words in ~80-word paragraphs, two figures). */
export function generateDraft(lang, i) {
  const paragraphs = [];
  let words = 0;
  while (words < WORDS_PER_DRAFT) {
    const sentences = [];
    let inParagraph = 0;
    while (inParagraph < 80) {
      const n = 6 + Math.floor(lang.random() * 15);
      sentences.push(lang.sentence(n));
      inParagraph += n;
    }
    paragraphs.push(sentences.join(' '));
    words += inParagraph;
  }
  const children = paragraphs.map(paragraphNode);
  children.splice(2, 0, { type: 'image-figure', version: 1, ...image(lang, i) });
  children.splice(5, 0, { type: 'image-figure', version: 1, ...image(lang, i + 1) });
  const body = JSON.stringify({
    format: 'copydesk.body',
    version: 1,
    lexical: '0.52.0',
    editorState: { root: { type: 'root', version: 1, direction: 'ltr', format: '', indent: 0, children } },
  });
  const meta = {
    ...emptyMeta(lang.sentence(6 + Math.floor(lang.random() * 6)).replace(/\.$/, '')),
    kicker: lang.pick(KICKERS),
    standfirst: lang.sentence(20),
    byline: `${lang.name()} ${lang.name()}`,
    articleType: lang.pick(TYPES),
    tags: [lang.word(), lang.word()],
    leadImage: image(lang, i + 2),
  };
  return { meta, body, paragraphs };
}

function time(fn) {
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

const LANGUAGE_LABEL = {
  english: 'English words',
  invented: 'invented words, the prefix worst case',
};

export async function searchBench({ quick, log }) {
  const languages = (process.env.COPYDESK_BENCH_SEARCH_LANGUAGES ?? 'english,invented')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = languages.filter((name) => !LANGUAGE_LABEL[name]);
  if (unknown.length > 0) throw new Error(`unknown search corpus ${unknown.join(', ')}: english or invented`);
  const rows = [];
  for (const language of languages) rows.push(...(await benchCorpus({ quick, log, language })));
  return rows;
}

async function benchCorpus({ quick, log, language }) {
  const drafts = Number(process.env.COPYDESK_BENCH_SEARCH_DRAFTS ?? (quick ? 10_000 : 100_000));
  const samples = quick ? 40 : 200;
  const peerSamples = quick ? 10 : 30;
  // A kept folder holds one corpus a language, seeded once and reused.
  const keptDir = process.env.COPYDESK_BENCH_SEARCH_DIR;
  const dataDir = keptDir ? join(keptDir, language) : await tempDataDir('search');
  if (keptDir) await mkdir(dataDir, { recursive: true });
  const services = await openServices(dataDir);
  const lang = makeLanguage(7, language);
  const VOCABULARY = lang.vocabulary.length;
  // Query choices come from their own seeded generator, so a reused corpus gets the same queries.
  const choose = seededRandom(99);
  try {
    const db = services.store.db;
    const existing = db.prepare('SELECT count(*) FROM drafts').pluck().get();
    if (existing === drafts) {
      log(`search (${language}): reusing the ${drafts} drafts seeded in ${dataDir}`);
    } else {
      if (existing !== 0)
        throw new Error(`${dataDir} holds ${existing} drafts, not ${drafts}: use an empty folder`);
      // Seed through the repository's own create and save (the path import and the editor use).
      const seedStart = performance.now();
      const batch = db.transaction((from, to) => {
        for (let i = from; i < to; i += 1) {
          const { id } = services.drafts.create();
          const draft = generateDraft(lang, i);
          services.drafts.save({ id, meta: draft.meta, body: draft.body });
        }
      });
      for (let i = 0; i < drafts; i += 1000) {
        batch(i, Math.min(drafts, i + 1000));
        if ((i + 1000) % 20_000 === 0) log(`search (${language}): seeded ${i + 1000} drafts`);
      }
      const seedMs = performance.now() - seedStart;
      db.pragma('wal_checkpoint(TRUNCATE)');
      log(
        `search (${language}): seeded ${drafts} drafts through the repository in ${Math.round(seedMs / 1000)} s`,
      );
    }
    // Phrases known to exist: two (and three) adjacent words from drafts spread over the corpus.
    const texts = db
      .prepare('SELECT body_text FROM drafts WHERE seq % ? = 0 LIMIT 400')
      .pluck()
      .all(Math.max(1, Math.floor(drafts / 400)));
    const adjacent = (count) =>
      texts.map((text) => {
        const words = text
          .toLowerCase()
          .split(/[^a-z]+/)
          .filter(Boolean);
        const at = Math.floor(choose() * (words.length - count + 1));
        return `"${words.slice(at, at + count).join(' ')}"`;
      });
    const phrases = adjacent(2);
    // Three adjacent words: the phrase of two pairs side by side in the word-pair index.
    const longPhrases = adjacent(3);

    const indexBytes = db
      .prepare(
        `SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'drafts_fts%' OR name LIKE 'drafts_pairs%' OR name IN ('draft_search_text', 'sqlite_autoindex_draft_search_text_1')`,
      )
      .pluck()
      .get();
    const pairBytes = db
      .prepare(`SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'drafts_pairs%'`)
      .pluck()
      .get();
    const textBytes = db
      .prepare(
        'SELECT sum(length(CAST(body_text AS BLOB)) + length(CAST(headline AS BLOB)) + length(CAST(standfirst AS BLOB))) FROM drafts',
      )
      .pluck()
      .get();
    const fileBytes = db.pragma('page_count', { simple: true }) * db.pragma('page_size', { simple: true });

    // Query words by rank, log-uniform from rank 20 to the tail: a few common, most rarer, as people search.
    const rank = () => Math.floor(Math.exp(Math.log(20) + choose() * (Math.log(VOCABULARY) - Math.log(20))));
    const words = Array.from({ length: samples }, () => lang.vocabulary[rank() - 1]);
    const kinds = {
      // As typed: the last word of the box also matches as a prefix (it may be half written).
      word: words.map((w) => ({ query: w, like: w })),
      // The same words, quoted: whole words only.
      exact: words.map((w) => ({ query: `"${w}"`, like: w })),
      prefix: words.map((w) => ({
        query: `${w.slice(0, Math.max(3, w.length - 2))}*`,
        like: w.slice(0, Math.max(3, w.length - 2)),
      })),
      phrase: Array.from({ length: samples }, (_, i) => {
        const p = phrases[i % phrases.length];
        return { query: p, like: p.slice(1, -1) };
      }),
      phrase3: Array.from({ length: samples }, (_, i) => {
        const p = longPhrases[i % longPhrases.length];
        return { query: p, like: p.slice(1, -1) };
      }),
      filter: words.map((w, i) => ({
        query: w,
        like: w,
        filters: { articleType: TYPES[i % TYPES.length] },
      })),
    };

    const peer = db.prepare(
      `SELECT d.id, d.headline FROM drafts AS d
       WHERE d.deleted_at IS NULL AND (@type IS NULL OR d.article_type = @type)
         AND (d.headline LIKE @like OR d.standfirst LIKE @like OR d.body_text LIKE @like
              OR d.kicker LIKE @like OR d.byline LIKE @like OR d.tags LIKE @like OR d.lead_image LIKE @like)
       ORDER BY d.updated_at DESC LIMIT ${PAGE}`,
    );
    // Warm up both (statement caches, page cache) before timing.
    for (const { query } of kinds.word.slice(0, 5))
      await services.dispatch('drafts:list', { query, limit: PAGE });
    peer.all({ like: `%${words[0]}%`, type: null });

    const results = {};
    for (const [kind, cases] of Object.entries(kinds)) {
      const ours = [];
      const cpu = [];
      let hits = 0;
      for (const c of cases) {
        const cpuStart = process.cpuUsage();
        const start = performance.now();
        const result = await services.dispatch('drafts:list', {
          query: c.query,
          limit: PAGE,
          ...(c.filters ? { filters: c.filters } : {}),
        });
        ours.push(performance.now() - start);
        const used = process.cpuUsage(cpuStart);
        cpu.push((used.user + used.system) / 1000);
        if (!result.ok) throw new Error(`${c.query}: ${result.error.message}`);
        hits += result.value.drafts.length;
      }
      const theirs = cases
        .slice(0, peerSamples)
        .map((c) => time(() => peer.all({ like: `%${c.like}%`, type: c.filters?.articleType ?? null })).ms);
      results[kind] = { ours, cpu, theirs, hits: hits / cases.length };
      log(
        `search (${language}) ${kind}: p50 ${formatMs(percentile(ours, 50))} p95 ${formatMs(percentile(ours, 95))} (CPU p50 ${formatMs(percentile(cpu, 50))} p95 ${formatMs(percentile(cpu, 95))}; avg ${results[kind].hits.toFixed(1)} hits on page 1); LIKE peer p50 ${formatMs(percentile(theirs, 50))} p95 ${formatMs(percentile(theirs, 95))}`,
      );
    }

    const label = {
      word: 'a single word as typed (the last word also matches as a prefix)',
      exact: 'the same words quoted (whole word only)',
      prefix: 'a prefix (word*)',
      phrase: 'a "phrase"',
      phrase3: 'a "phrase of three words"',
      filter: 'a word with an article-type filter',
    };
    const corpus = `${drafts.toLocaleString('en')} drafts of ~${WORDS_PER_DRAFT} ${LANGUAGE_LABEL[language]}`;
    const rows = Object.entries(results).map(([kind, r]) => {
      const p95 = percentile(r.ours, 95);
      return {
        metric: `Search ${corpus}: ${label[kind]}, first page of ${PAGE} with marks and snippets, p95 of ${r.ours.length} queries`,
        target: `≤ ${TARGET_P95_MS} ms`,
        copydesk: `${formatMs(p95)} (p50 ${formatMs(percentile(r.ours, 50))}; CPU time p95 ${formatMs(percentile(r.cpu, 95))}, p50 ${formatMs(percentile(r.cpu, 50))})`,
        peers: `LIKE '%…%' scan of the same table, same first page: p95 ${formatMs(percentile(r.theirs, 95))}, p50 ${formatMs(percentile(r.theirs, 50))} (${r.theirs.length} queries)`,
        value: p95,
        targetValue: TARGET_P95_MS,
      };
    });
    rows.push({
      metric: `Search index size per draft (${corpus}, 3 captions and credits each)`,
      target: '—',
      copydesk: `${((indexBytes ?? 0) / drafts / 1024).toFixed(1)} KiB per draft (${Math.round((indexBytes ?? 0) / 2 ** 20)} MiB in all; the word-pair index for phrases ${((pairBytes ?? 0) / drafts / 1024).toFixed(1)} KiB of it)`,
      peers: `the indexed text itself: ${((textBytes ?? 0) / drafts / 1024).toFixed(1)} KiB per draft; whole database file ${Math.round(fileBytes / 2 ** 20)} MiB; LIKE needs no index`,
      value: (indexBytes ?? 0) / drafts,
    });
    return rows;
  } finally {
    services.close();
    if (!keptDir) await rm(dataDir, { recursive: true, force: true });
  }
}
