// The word-pair index behind phrase search (schema 8, drafts_pairs): each
// field of a draft as the list of its adjacent word pairs ("harbour ferry
// reopens" → "harbour_ferry ferry_reopens"). A two-word phrase is then one
// term to look up, not two long position lists to walk draft by draft.
//
// The pairs are made by a SQL function the triggers on drafts call, so the
// index is exact in the transaction of every write, like drafts_fts. That
// function is JavaScript, so every connection that writes drafts must have it
// (openDatabase registers it); one that does not fails the write with "no
// such function", it cannot skip the index. The words are split exactly as
// FTS5's unicode61 tokenizer splits them (unicode61Table.ts, read from SQLite
// itself): a phrase FTS5 finds in a field is a pair here, and the other way
// round. drafts_pairs uses the same tokenizer with "_" as a word character,
// so it folds case and diacritics of a pair as drafts_fts folds each word.
import type Database from 'better-sqlite3';
import { UNICODE61_FOLDS_AWAY, UNICODE61_WORD } from './unicode61Table';

/** The SQL function the triggers call: copydesk_word_pairs(text) → the pairs, space-separated. */
export const WORD_PAIRS_FUNCTION = 'copydesk_word_pairs';
/** Joins the two words of a pair; a separator for unicode61 (so never inside a word), a word character in drafts_pairs. */
export const PAIR_JOINER = '_';

/** The words of a text as unicode61 makes them, unfolded: a run of word characters, unless all of them fold away. */
export function unicode61Words(text: string): string[] {
  const words: string[] = [];
  for (const [word] of text.matchAll(UNICODE61_WORD)) {
    if (!UNICODE61_FOLDS_AWAY.test(word)) words.push(word);
  }
  return words;
}

/** The adjacent word pairs of a text, space-separated ("" for fewer than two words). */
export function wordPairs(text: string | null): string {
  if (!text) return '';
  const words = unicode61Words(text);
  let out = '';
  for (let i = 1; i < words.length; i += 1) {
    out += `${i > 1 ? ' ' : ''}${words[i - 1]}${PAIR_JOINER}${words[i]}`;
  }
  return out;
}

/** Registers the pair function on a connection; anything that writes drafts needs it. */
export function registerWordPairs(db: Database.Database): void {
  db.function(WORD_PAIRS_FUNCTION, { deterministic: true }, (text: unknown) =>
    wordPairs(typeof text === 'string' ? text : null),
  );
}
