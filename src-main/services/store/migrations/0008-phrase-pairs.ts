// Schema 8: the word-pair index behind phrase search.
//
// drafts_pairs holds, for each draft and each field drafts_fts indexes, the
// field's adjacent word pairs ("harbour_ferry ferry_reopens", made by
// copydesk_word_pairs, store/wordPairs.ts). A two-word phrase is then a single
// term: its drafts come straight out of one short list, where FTS5 would walk
// both words' positions draft by draft (for two common words, nearly every
// draft). A longer phrase is the phrase of its pairs ("a b c" is "a_b b_c",
// pairs next to each other), so it is found by the positions of a few rare
// pairs instead of many common words (drafts/draftSearch.ts).
//
// Contentless (the text is in drafts already) with contentless_delete, so a
// row is deleted by rowid without recomputing its old pairs; detail=full, for
// the positions that longer phrases need. Its tokenizer is
// drafts_fts's with "_" as a word character, so case and diacritics fold the
// same way. Triggers of its own keep it exact in the statement that writes a
// draft; they compute tags and captions from the drafts row itself, so they
// do not depend on running after drafts_fts's triggers.
//
// A draft whose body text is longer than PAIRED_BODY_LIMIT characters (about
// 6,000 words) is not in drafts_pairs but in drafts_unpaired, and a phrase
// search checks those few drafts one by one in drafts_fts. Nearly every pair
// of a long text is a new term for FTS5 (72,000 distinct pairs in 100,000
// words), so indexing them cost about 100 ms on every autosave of a
// 100,000-word draft, against 36 ms for the whole save without them.
import { FTS_COLUMNS, FTS_TOKENIZE, SEARCHABLE_CHANGED, imagesText, tagsText } from './0007-search';
import type { Migration } from './types';

/** Body text, in characters, above which a draft's pairs are not indexed (drafts_unpaired). */
export const PAIRED_BODY_LIMIT = 40_000;

/**
 * The pair text of each column of drafts_pairs, in FTS_COLUMNS order, from
 * each column's text (`text(column)`, SQL).
 */
const pairValues = (text: (column: string) => string): string =>
  FTS_COLUMNS.split(', ')
    .map((column) => `copydesk_word_pairs(${text(column)})`)
    .join(', ');
/**
 * A column's text from the drafts row `row` itself, tags and captions derived
 * as 0007's triggers derive them (a trigger cannot count on draft_search_text
 * being written before it runs).
 */
const fromRow =
  (row: string) =>
  (column: string): string =>
    column === 'tags' ? tagsText(row) : column === 'images' ? imagesText(row) : `${row}.${column}`;

/** Whether the drafts row `row` has its pairs in drafts_pairs (else it is in drafts_unpaired). */
const paired = (row: string): string => `(coalesce(length(${row}.body_text), 0) <= ${PAIRED_BODY_LIMIT})`;

/** The trigger statements that index the row `new`: its pairs, or its place in drafts_unpaired. */
const indexRow = `INSERT INTO drafts_pairs (rowid, ${FTS_COLUMNS})
          SELECT new.seq, ${pairValues(fromRow('new'))} WHERE ${paired('new')};
        INSERT INTO drafts_unpaired (seq) SELECT new.seq WHERE NOT ${paired('new')};`;

export const phrasePairsMigration: Migration = {
  version: 8,
  name: 'phrase-pairs',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE drafts_pairs USING fts5 (
        ${FTS_COLUMNS},
        content = '', contentless_delete = 1,
        tokenize = '${FTS_TOKENIZE} tokenchars _'
      );

      CREATE TABLE drafts_unpaired (seq INTEGER PRIMARY KEY) STRICT;

      -- Existing drafts: their tags and captions as text are in draft_search_text already (the drafts_search view).
      INSERT INTO drafts_pairs (rowid, ${FTS_COLUMNS})
        SELECT s.seq, ${pairValues((column) => `s.${column}`)} FROM drafts_search AS s WHERE ${paired('s')};
      INSERT INTO drafts_unpaired (seq) SELECT d.seq FROM drafts AS d WHERE NOT ${paired('d')};

      CREATE TRIGGER drafts_pairs_after_insert AFTER INSERT ON drafts BEGIN
        ${indexRow}
      END;

      CREATE TRIGGER drafts_pairs_after_delete AFTER DELETE ON drafts BEGIN
        DELETE FROM drafts_pairs WHERE rowid = old.seq;
        DELETE FROM drafts_unpaired WHERE seq = old.seq;
      END;

      CREATE TRIGGER drafts_pairs_after_update AFTER UPDATE ON drafts
      WHEN ${SEARCHABLE_CHANGED}
      BEGIN
        DELETE FROM drafts_pairs WHERE rowid = old.seq;
        DELETE FROM drafts_unpaired WHERE seq = old.seq;
        ${indexRow}
      END;
    `);
  },
};
