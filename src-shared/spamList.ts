// The spam list: link hosts a newsroom never wants on its site. One rule for
// the pre-publish check (src-shared/checks/prePublishChecks.ts) and every
// importer (src-shared/import/tracking.ts). The list is a publish setting
// (publish:getSettings / publish:saveSettings), edited in the Checks panel's
// "Edit spam list"; until a desk saves its own, DEFAULT_SPAM_LIST applies.
// Pure TypeScript.

/**
 * What ships: word patterns for the link spam that is injected into op-eds and
 * comment-fed pages (pharmacy, essay mills, online casinos, bought followers,
 * replica goods, payday loans). They are deliberately narrow — `online-casino`,
 * not `casino` — so a news link about a real casino still publishes. A desk adds
 * the domains it meets; the list is editable and replaces these once saved.
 */
export const DEFAULT_SPAM_LIST: readonly string[] = [
  '*viagra*',
  '*cialis*',
  '*online-pharmacy*',
  '*onlinepharmacy*',
  '*essay-writing*',
  '*essaywriting*',
  '*buy-essay*',
  '*cheap-essay*',
  '*online-casino*',
  '*onlinecasino*',
  '*casino-online*',
  '*buy-followers*',
  '*buyfollowers*',
  '*replica-watches*',
  '*payday-loan*',
  '*paydayloan*',
];

/** A `*word*` entry: listed hosts are those containing the word. */
const WORD_PATTERN = /^\*([a-z0-9-]{3,63})\*$/;

/**
 * The list as the matcher reads it: domains lower-cased without scheme, path,
 * port or trailing dots ("*.example.com" is "example.com", which covers its
 * subdomains anyway); `*word*` patterns kept; blank lines and "#" comments dropped.
 */
export function normaliseSpamList(entries: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of entries) {
    let entry = raw.trim().toLowerCase();
    if (entry === '' || entry.startsWith('#')) continue;
    if (WORD_PATTERN.test(entry)) {
      out.add(entry);
      continue;
    }
    entry = entry.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^\*\./, '');
    entry = entry.split(/[/?#:]/)[0]?.replace(/\.+$/, '') ?? '';
    if (entry !== '' && !entry.includes('*')) out.add(entry);
  }
  return [...out];
}

/**
 * The entry of a normalised list that lists `host`, or null: a domain lists
 * itself and its subdomains (never a look-alike such as "notexample.com"); a
 * `*word*` pattern lists every host containing the word.
 */
export function spamEntryFor(host: string, list: readonly string[]): string | null {
  const name = host.toLowerCase().replace(/\.+$/, '');
  if (name === '') return null;
  for (const entry of list) {
    const word = WORD_PATTERN.exec(entry)?.[1];
    if (word !== undefined ? name.includes(word) : name === entry || name.endsWith(`.${entry}`)) return entry;
  }
  return null;
}
