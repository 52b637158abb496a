// What the Checks panel shows: every finding of every check in one shape.
// A finding names its place (field, paragraph), may carry the exact text it
// is about (start/end inside that field or body block, so a fix replaces
// exactly that) and a stable key under which it can be ignored for one
// article. Pre-publish findings (prePublishChecks.ts) are converted into it.
import { z } from 'zod';
import { CHECK_FIELDS, type Finding } from './prePublishChecks';

export const CHECK_CATEGORIES = ['publish', 'spelling', 'style', 'consistency'] as const;
export type CheckCategory = (typeof CHECK_CATEGORIES)[number];

export const CHECK_CATEGORY_LABELS: Record<CheckCategory, string> = {
  publish: 'Before publishing',
  spelling: 'Spelling',
  style: 'House style',
  consistency: 'Consistency',
};

export const CheckFindingSchema = z.object({
  /** Kind of finding, e.g. "spelling", "name-variant", "repeated-word", or a pre-publish id. */
  id: z.string(),
  /** Stable across edits elsewhere in the article: what "Ignore" stores. */
  key: z.string(),
  category: z.enum(CHECK_CATEGORIES),
  severity: z.enum(['blocking', 'warning', 'advice']),
  message: z.string(),
  /** Where it is, for people: "Headline", "Body, paragraph 3". */
  place: z.string(),
  location: z.object({
    field: z.enum(CHECK_FIELDS),
    /** Index of the top-level body block. */
    nodeIndex: z.number().int().nonnegative().optional(),
    imageHash: z.string().optional(),
    /** Set when the range is in an image's caption (of the lead image, or of the figure with imageHash). */
    part: z.enum(['caption']).optional(),
    /** Character range in the field's text or the body block's text (see textBlocks.ts). */
    start: z.number().int().nonnegative().optional(),
    end: z.number().int().nonnegative().optional(),
    /** The text at [start, end) when the check ran: a fix is applied only while it is still there. */
    text: z.string().optional(),
  }),
  /** The fix the panel offers as one button ("Replace with judgment"); replaces location.text. */
  fix: z.object({ label: z.string(), replacement: z.string() }).optional(),
  /** Further replacements (spelling suggestions after the first). */
  alternatives: z.array(z.string()).optional(),
  /** The word "Add to dictionary" adds (spelling findings). */
  word: z.string().optional(),
});
export type CheckFinding = z.infer<typeof CheckFindingSchema>;
export type CheckLocation = CheckFinding['location'];

const FIELD_PLACES: Record<CheckFinding['location']['field'], string> = {
  kicker: 'Kicker',
  headline: 'Headline',
  standfirst: 'Standfirst',
  byline: 'Byline',
  bylineRole: 'Byline role',
  leadImage: 'Lead image',
  body: 'Body',
};

/** "Headline", "Body, paragraph 3", "Body". */
export function describePlace(location: Pick<CheckLocation, 'field' | 'nodeIndex' | 'part'>): string {
  const base = FIELD_PLACES[location.field];
  const caption = location.part === 'caption';
  if (location.field === 'body' && location.nodeIndex !== undefined)
    return caption
      ? `Body, caption of the image in paragraph ${location.nodeIndex + 1}`
      : `${base}, paragraph ${location.nodeIndex + 1}`;
  return caption ? `${base} caption` : base;
}

/** A pre-publish finding in the panel's shape. Blocking ones cannot be ignored (publishing refuses them anyway). */
export function fromPrePublishFinding(finding: Finding): CheckFinding {
  const { location } = finding;
  return {
    id: finding.id,
    key: ['publish', finding.id, location.field, location.nodeIndex ?? '', location.imageHash ?? ''].join(
      '|',
    ),
    category: 'publish',
    severity: finding.severity,
    message: finding.message,
    place: describePlace(location),
    location: { ...location },
  };
}

export const SEVERITY_ORDER: Record<CheckFinding['severity'], number> = {
  blocking: 0,
  warning: 1,
  advice: 2,
};
const FIELD_ORDER: Record<string, number> = Object.fromEntries(CHECK_FIELDS.map((field, i) => [field, i]));

/** Reading order: by field as the form shows them, then paragraph, then position; blocking first at equal places. */
export function compareFindings(a: CheckFinding, b: CheckFinding): number {
  const fa = FIELD_ORDER[a.location.field] ?? 99;
  const fb = FIELD_ORDER[b.location.field] ?? 99;
  if (fa !== fb) return fa - fb;
  const na = a.location.nodeIndex ?? -1;
  const nb = b.location.nodeIndex ?? -1;
  if (na !== nb) return na - nb;
  const sa = a.location.start ?? -1;
  const sb = b.location.start ?? -1;
  if (sa !== sb) return sa - sb;
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
}

/** A spelling finding with its suggestions: the first as the fix, the rest as alternatives. */
export function withSuggestions(finding: CheckFinding, suggestions: readonly string[]): CheckFinding {
  const [first, ...rest] = suggestions;
  if (finding.category !== 'spelling' || !finding.word || first === undefined) return finding;
  return {
    ...finding,
    fix: { label: `Replace with ${first}`, replacement: first },
    ...(rest.length > 0 ? { alternatives: rest } : {}),
    message: `“${finding.word}” is not in the dictionary. Did you mean “${first}”?`,
  };
}
