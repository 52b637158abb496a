// Turns whatever a person typed into the search box into an FTS5 query that
// cannot be a syntax error: only letter/number runs survive, each is quoted
// (so AND, OR, NOT, NEAR are plain words) and matched as a prefix, and all
// must appear (implicit AND).

const MAX_TERMS = 16;
const TERM = /[\p{L}\p{N}\p{M}]+/gu;

/** The FTS5 MATCH expression, or null when the text has no searchable word. */
export function buildFtsQuery(text: string): string | null {
  const terms = (text.normalize('NFC').match(TERM) ?? []).slice(0, MAX_TERMS);
  if (terms.length === 0) return null;
  return terms.map((term) => `"${term}"*`).join(' ');
}
