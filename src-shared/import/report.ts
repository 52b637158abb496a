// What an import tells the editor: what was dropped on the way in (counts and
// a few examples) and what needs a look before publishing. Stored with the
// draft so the editor can reopen it. Pure TypeScript.
import { z } from 'zod';
import { IMPORT_KINDS } from './reportVocabulary';

export { IMPORT_KINDS, IMPORT_KIND_LABELS, type ImportKind } from './reportVocabulary';

export const DroppedItemSchema = z.object({
  /** What was dropped, in words: "comment form", "tracking pixel", "link to a spam domain". */
  what: z.string(),
  count: z.number().int().nonnegative(),
  /** Up to three short examples (text or a link's host), never markup. */
  examples: z.array(z.string()),
});
export type DroppedItem = z.infer<typeof DroppedItemSchema>;

export const LOOK_KINDS = [
  'image-without-alt',
  'caption-without-credit',
  'missing-image',
  'refused-image',
  'unsafe-link',
  'note',
] as const;
export type LookKind = (typeof LOOK_KINDS)[number];

export const LookItemSchema = z.object({
  kind: z.enum(LOOK_KINDS),
  message: z.string(),
});
export type LookItem = z.infer<typeof LookItemSchema>;

export const ImportReportSchema = z.object({
  fileName: z.string(),
  kind: z.enum(IMPORT_KINDS),
  draftId: z.string(),
  /** The draft's first revision, labelled "Imported from <file name>". */
  revision: z.number().int(),
  label: z.string(),
  importedAt: z.number(),
  /** Short facts about the import ("Original date: 26 February 2021", "1 table flattened into paragraphs"). */
  notes: z.array(z.string()),
  dropped: z.array(DroppedItemSchema),
  needsLook: z.array(LookItemSchema),
  counts: z.object({
    paragraphs: z.number().int(),
    headings: z.number().int(),
    lists: z.number().int(),
    figures: z.number().int(),
    links: z.number().int(),
    words: z.number().int(),
  }),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

export function importLabel(fileName: string): string {
  return `Imported from ${fileName}`;
}

/** Collects dropped things while an importer walks a document. */
export class DropTally {
  private readonly items = new Map<string, DroppedItem>();

  add(what: string, example?: string, count = 1): void {
    const item = this.items.get(what) ?? { what, count: 0, examples: [] };
    item.count += count;
    const sample = example?.replace(/\s+/g, ' ').trim().slice(0, 80);
    if (sample && item.examples.length < 3 && !item.examples.includes(sample)) item.examples.push(sample);
    this.items.set(what, item);
  }

  list(): DroppedItem[] {
    return [...this.items.values()].filter((item) => item.count > 0);
  }
}
