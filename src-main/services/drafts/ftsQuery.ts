// Turns whatever a person typed into the search box into an FTS5 query that
// cannot be a syntax error. Only letter/number runs survive and every one is
// quoted, so AND, OR, NOT, NEAR, column filters and stray punctuation are
// plain words. What the person can say:
//
//   harbour ferry      both words, anywhere (implicit AND)
//   reut*              a word starting with "reut"
//   "harbour reopens"  those words next to each other, in that order
//
// The last bare word also matches as a prefix, because the box searches as
// you type and that word may be half written. An unclosed quote is a phrase
// whose last word is a prefix, for the same reason. A word with inner
// punctuation ("covid-19", "o'neill") is a phrase of its parts, as the
// tokenizer splits it the same way.

const MAX_TERMS = 16;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

interface Term {
  words: string[];
  prefix: boolean;
  /** Came from bare text (not quoted, no explicit star): the last such term becomes a prefix. */
  bare: boolean;
}

function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

function parse(text: string): Term[] {
  const terms: Term[] = [];
  const pattern = /"([^"]*)("?)|([^\s"]+)/g;
  for (const match of text.normalize('NFC').matchAll(pattern)) {
    const [, phrase, closed, token] = match;
    if (phrase !== undefined) {
      const words = wordsOf(phrase);
      if (words.length > 0) terms.push({ words, prefix: closed === '', bare: false });
    } else if (token !== undefined) {
      const words = wordsOf(token);
      if (words.length > 0) terms.push({ words, prefix: token.endsWith('*'), bare: !token.endsWith('*') });
    }
  }
  return terms.slice(0, MAX_TERMS);
}

/** The FTS5 MATCH expression, or null when the text has no searchable word. */
export function buildFtsQuery(text: string): string | null {
  return buildFtsSearch(text)?.match ?? null;
}

export interface FtsSearch {
  /** The MATCH expression: what a hit must contain. */
  match: string;
  /**
   * When the query holds a phrase of two or more words: the same words as
   * separate terms (a phrase's prefix star stays on its last word). Every
   * draft that matches `match` matches `words`; the search narrows and scores
   * phrases with it (see draftSearch.ts), because FTS5 checks a phrase by the
   * position of every word in every candidate draft.
   */
  words: string | null;
}

export function buildFtsSearch(text: string): FtsSearch | null {
  const terms = parse(text);
  if (terms.length === 0) return null;
  const last = terms[terms.length - 1]!;
  if (last.bare) last.prefix = true;
  const match = terms.map((term) => `"${term.words.join(' ')}"${term.prefix ? ' *' : ''}`).join(' ');
  if (!terms.some((term) => term.words.length > 1)) return { match, words: null };
  // Each word once ("co co" scores by "co" alone): bm25 counts a term's drafts over the whole table.
  const seen = new Set<string>();
  const words = terms
    .flatMap((term) =>
      term.words.map((word, i) => `"${word}"${term.prefix && i === term.words.length - 1 ? ' *' : ''}`),
    )
    .filter((word) => !seen.has(word.toLowerCase()) && Boolean(seen.add(word.toLowerCase())))
    .join(' ');
  return { match, words };
}
