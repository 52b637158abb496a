// The house style sheet: preferred spellings, forbidden words, the numbers
// rule and the lengths of headline and standfirst. Each desk edits its own
// copy (house-style.yaml in the data folder, see docs/checks.md); this file
// holds its shape and the defaults Copydesk ships with.
import { z } from 'zod';

const Phrase = z.string().trim().min(1).max(200);

export const HouseStyleSchema = z
  .object({
    /** Write the value, not the key: "Khojali: Khojaly". A lower-case key matches any capitalisation. */
    preferred: z.record(Phrase, z.string().max(200)).default({}),
    /** Words never to print, with the reason the panel shows. */
    forbidden: z.record(Phrase, z.string().max(500)).default({}),
    numbers: z
      .object({
        /** Whole numbers below this are written as words ("three people"); 0 turns the check off. */
        spellOutBelow: z.number().int().min(0).max(11).default(10),
      })
      .default({ spellOutBelow: 10 }),
    headline: z
      .object({ maxCharacters: z.number().int().positive().max(500).default(80) })
      .default({ maxCharacters: 80 }),
    standfirst: z
      .object({ maxCharacters: z.number().int().positive().max(2000).default(250) })
      .default({ maxCharacters: 250 }),
  })
  .strict();
export type HouseStyle = z.infer<typeof HouseStyleSchema>;

export const DEFAULT_HOUSE_STYLE: HouseStyle = {
  preferred: {
    Khojali: 'Khojaly',
    Kiev: 'Kyiv',
    'e-mail': 'email',
    'web site': 'website',
    'on-line': 'online',
    alright: 'all right',
    'per cent': 'percent',
    'in order to': 'to',
  },
  forbidden: {
    irregardless: 'Not standard English; write "regardless".',
    'very unique': 'Unique cannot be graded; write "unique" or "unusual".',
    'illegal immigrant': 'Describe the action, not the person: "living in the country illegally".',
  },
  numbers: { spellOutBelow: 10 },
  headline: { maxCharacters: 80 },
  standfirst: { maxCharacters: 250 },
};

/** The style sheet file Copydesk writes on first use: the defaults, commented. */
export const DEFAULT_HOUSE_STYLE_YAML = `# Copydesk house style sheet.
# Edit this file (or use "Edit house style" in the Checks panel); the Checks
# panel reads it again on its next run. A mistake here is reported in the
# panel and the shipped defaults are used until it is fixed.

# Write the right-hand side, not the left. A lower-case entry matches any
# capitalisation ("e-mail", "E-mail"); a capitalised one matches exactly.
preferred:
  Khojali: Khojaly
  Kiev: Kyiv
  e-mail: email
  web site: website
  on-line: online
  alright: all right
  per cent: percent
  in order to: to

# Words never to print, and why.
forbidden:
  irregardless: Not standard English; write "regardless".
  very unique: Unique cannot be graded; write "unique" or "unusual".
  illegal immigrant: Describe the action, not the person, e.g. "living in the country illegally".

numbers:
  # Whole numbers below this are written as words ("three people", "12 people").
  # 0 turns the check off.
  spellOutBelow: 10

headline:
  maxCharacters: 80

standfirst:
  maxCharacters: 250
`;
