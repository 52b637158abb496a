export const TABLE_PATH: string;
export interface Unicode61Probe {
  word: [number, number][];
  foldsAway: [number, number][];
  sqlite: string;
}
/** How SQLite's unicode61 tokenizer treats every code point, read from the running SQLite. */
export function probeUnicode61(): Unicode61Probe;
/** The generated module's text for a probe. */
export function renderTable(probe: Unicode61Probe): string;
/** Ranges as the body of a regular-expression character class. */
export function classOf(list: [number, number][]): string;
