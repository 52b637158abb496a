// The Checks panel: every check of the open article (sent as the editor holds
// it, before autosave), the spelling language, the personal and desk
// dictionaries, findings ignored per article, and the house style sheet.
import { z } from 'zod';
import { ArticleMetaSchema, DraftIdSchema as DraftId, LIMITS } from '../article';
import { CheckFindingSchema } from '../checks/findings';
import { channel } from './define';

export const SPELLING_LANGUAGES = ['en-US', 'en-GB'] as const;
export type SpellingLanguage = (typeof SPELLING_LANGUAGES)[number];
export const SPELLING_LANGUAGE_LABELS: Record<SpellingLanguage, string> = {
  'en-US': 'English (US)',
  'en-GB': 'English (UK)',
};
export const DICTIONARIES = ['personal', 'desk'] as const;
export type DictionaryName = (typeof DICTIONARIES)[number];

/** One word as a dictionary holds it: letters, apostrophes and hyphens, no spaces. */
const DictionaryWord = z
  .string()
  .trim()
  .min(1, 'Type a word.')
  .max(100, 'A word has at most 100 characters.')
  .regex(/^[\p{L}\p{M}'’-]+$/u, 'A dictionary word holds letters, apostrophes and hyphens only.');

export const ChecksSettingsSchema = z.object({
  language: z.enum(SPELLING_LANGUAGES),
  personal: z.array(z.string()),
  desk: z.array(z.string()),
  styleSheetPath: z.string(),
});
export type ChecksSettings = z.infer<typeof ChecksSettingsSchema>;

const StyleSheetSchema = z.object({
  path: z.string(),
  text: z.string(),
  /** Why the file cannot be used (the shipped defaults apply meanwhile); null when it is fine. */
  error: z.string().nullable(),
});

export const checksChannels = {
  /**
   * Runs every check over the article as the editor holds it now. Spelling
   * findings carry suggestions already known (cached) for the first
   * `suggestLimit` of them; the panel asks `checks:suggest` for the others.
   */
  'checks:run': channel(
    z
      .object({
        draftId: DraftId,
        meta: ArticleMetaSchema,
        body: z.string().max(LIMITS.bodyJson),
        suggestLimit: z.number().int().min(0).max(1000).optional(),
      })
      .strict(),
    z.object({
      findings: z.array(CheckFindingSchema),
      ignored: z.array(CheckFindingSchema),
      language: z.enum(SPELLING_LANGUAGES),
      styleSheetError: z.string().nullable(),
      elapsedMs: z.number(),
    }),
  ),
  /**
   * Spelling suggestions for words the panel shows (computed in a worker;
   * an unusual word can take a second or two, so the checks never wait for them).
   */
  'checks:suggest': channel(
    z.object({ words: z.array(z.string().min(1).max(100)).max(200) }).strict(),
    z.object({
      language: z.enum(SPELLING_LANGUAGES),
      suggestions: z.record(z.string(), z.array(z.string())),
    }),
  ),
  'checks:settings': channel(z.object({}).strict(), ChecksSettingsSchema),
  'checks:setLanguage': channel(
    z.object({ language: z.enum(SPELLING_LANGUAGES) }).strict(),
    ChecksSettingsSchema,
  ),
  'checks:addWord': channel(
    z.object({ word: DictionaryWord, dictionary: z.enum(DICTIONARIES) }).strict(),
    ChecksSettingsSchema,
  ),
  'checks:removeWord': channel(
    z.object({ word: DictionaryWord, dictionary: z.enum(DICTIONARIES) }).strict(),
    ChecksSettingsSchema,
  ),
  /** Hides a finding (by its key) for this article; `ignored: false` shows it again. */
  'checks:ignore': channel(
    z.object({ draftId: DraftId, key: z.string().min(1).max(1000), ignored: z.boolean() }).strict(),
    z.object({}),
  ),
  'checks:getStyleSheet': channel(z.object({}).strict(), StyleSheetSchema),
  /** Replaces the style sheet file; refused with the reason when the text is not a valid sheet. */
  'checks:saveStyleSheet': channel(z.object({ text: z.string().max(200_000) }).strict(), StyleSheetSchema),
};
