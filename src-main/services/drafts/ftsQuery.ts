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

import { PAIR_JOINER, unicode61Words } from '../store/wordPairs';

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
  /** The MATCH expression on drafts_fts: what a hit must contain. */
  match: string;
  /**
   * When the query holds a phrase of two or more words: how the word-pair
   * index (drafts_pairs, store/wordPairs.ts) finds it. FTS5 checks a phrase
   * by the position of every word in every draft that holds them all; a pair
   * is one term of its own.
   */
  phrase: PhraseSearch | null;
}

export interface PhraseSearch {
  /**
   * The MATCH expression on drafts_pairs: each phrase as the phrase of its
   * adjacent pairs ("a b c" → "a_b b_c", pairs next to each other), the last
   * pair a prefix when the phrase's last word is. A draft matches it exactly
   * when it holds every phrase of the query.
   */
  pairs: string;
  /** The query's single-word terms, as a MATCH on drafts_fts, or null when it has none. */
  rest: string | null;
}

export function buildFtsSearch(text: string): FtsSearch | null {
  const terms = parse(text);
  if (terms.length === 0) return null;
  const last = terms[terms.length - 1]!;
  if (last.bare) last.prefix = true;
  const quoted = (term: Term): string => `"${term.words.join(' ')}"${term.prefix ? ' *' : ''}`;
  const match = terms.map(quoted).join(' ');
  const pairs: string[] = [];
  const rest: string[] = [];
  for (const term of terms) {
    // The words as FTS5 splits the quoted phrase, so each pair is one drafts_pairs holds.
    const words = unicode61Words(term.words.join(' '));
    if (words.length < 2) {
      // A term of no word at all (marks that fold away) constrains nothing beside others in FTS5.
      if (words.length === 1) rest.push(quoted(term));
      continue;
    }
    const joined = words.slice(1).map((word, i) => `${words[i]}${PAIR_JOINER}${word}`);
    const phrase = `"${joined.join(' ')}"${term.prefix ? ' *' : ''}`;
    if (!pairs.includes(phrase)) pairs.push(phrase);
  }
  if (pairs.length === 0) return { match, phrase: null };
  return { match, phrase: { pairs: pairs.join(' '), rest: rest.length > 0 ? rest.join(' ') : null } };
}
