// Wording and number formats the desk shows. Pure: no DOM, easy to test.
import { readingTimeMinutes } from '../src-shared/body';

const numberFormat = new Intl.NumberFormat('en');

/** "1,234 words · 6 min read" */
export function formatWordCount(words: number): string {
  const wordLabel = words === 1 ? 'word' : 'words';
  const minutes = readingTimeMinutes(words);
  const reading = minutes === 0 ? 'nothing to read yet' : `${numberFormat.format(minutes)} min read`;
  return `${numberFormat.format(words)} ${wordLabel} · ${reading}`;
}

const clockFormat = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });
const dayYearFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/** "14:02" in local time. */
export function formatClock(epochMs: number): string {
  return clockFormat.format(new Date(epochMs));
}

/** When a draft was last edited, as short as it can be: "14:02", "26 Feb", "26 Feb 2021". */
export function formatEditedAt(epochMs: number, now: number = Date.now()): string {
  const then = new Date(epochMs);
  const today = new Date(now);
  if (then.toDateString() === today.toDateString()) return clockFormat.format(then);
  if (then.getFullYear() === today.getFullYear()) return dayFormat.format(then);
  return dayYearFormat.format(then);
}

/** Comma separated tags -> clean list: trimmed, no empties, no duplicates (case-insensitive). */
export function parseTags(text: string, maxTags: number, maxLength: number): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of text.split(',')) {
    const tag = raw.trim().replace(/\s+/g, ' ').slice(0, maxLength).trim();
    const key = tag.toLowerCase();
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
    if (tags.length === maxTags) break;
  }
  return tags;
}
