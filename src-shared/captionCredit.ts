// Captions often arrive with the credit glued on: "… (Credit: Name/Agency)",
// "… Photo: AP", "… Credit: Reuters", "… © Name". This splits them, and must
// leave alone captions that merely use such a word ("Credit card debt rose in
// May", "A photo of the harbour"): a label only counts when it ends the text,
// starts a sentence or a bracket, and is followed by a colon (or "by").
// Pure TypeScript.

export interface CaptionCredit {
  caption: string;
  /** null when no credit was found; the caption is then the trimmed input. */
  credit: string | null;
}

/** Longest text accepted as a credit; anything longer is prose, not a credit. */
const MAX_CREDIT_CHARS = 120;
const MAX_CREDIT_WORDS = 14;

// "Photo", "Photograph", "Picture", "Image", "Credit", "Photo credit", "Image courtesy", …
const NOUN = String.raw`(?:photo(?:graph)?s?|pictures?|pics?|images?|illustrations?|graphics?|video)`;
const COLON_LABEL = String.raw`(?:(?:${NOUN}\s+)?(?:credits?|courtesy)|${NOUN})\s*:`;
// "Photo by Name", "Picture courtesy of Name", "Courtesy of Name"
const BY_LABEL = String.raw`(?:${NOUN}\s+(?:by|courtesy(?:\s+of)?)|courtesy\s+of)\s`;
const LABEL = String.raw`(?:${COLON_LABEL}|${BY_LABEL})`;

const BRACKETED = new RegExp(
  String.raw`^([\s\S]*?)\s*[(\[]\s*(?:${LABEL}|©)\s*([^()\[\]]+?)\s*[)\]]\s*\.?$`,
  'iu',
);
// A label after a sentence end, a dash or bar separator, or a line break; or a plain space (checked below).
const LABEL_START = new RegExp(
  String.raw`(?:^|(?<=[.!?…"”’')\]])\s+|\s+[—–|-]+\s+|\s*\n\s*|(?<plain>\s+))(?<label>${LABEL})\s*`,
  'giu',
);
const COPYRIGHT = /(?:^|\s)(?:©|\(c\)(?=\s+\p{Lu})|copyright\s+©?)\s*(?<credit>[^©\n]+?)\s*$/iu;

const AGENCIES = [
  'AFP',
  'AP',
  'Reuters',
  'Getty Images',
  'Getty',
  'EPA',
  'EPA-EFE',
  'PA',
  'PA Images',
  'PA Wire',
  'ANP',
  'DPA',
  'Xinhua',
  'Bloomberg',
  'Shutterstock',
  'Alamy',
  'WikiCommons',
  'Wikimedia Commons',
  'Wikimedia',
  'NurPhoto',
  'SOPA Images',
  'LightRocket',
  'Anadolu',
  'Anadolu Agency',
  'AAP',
  'Sipa',
  'ZUMA',
  'Zuma Press',
].map((name) => name.toLowerCase());
const AGENCY_SUFFIX =
  /^(?<caption>(?:[\s\S]*(?:(?<=[.!?…"”’')\]])\s+|\s+[—–|-]+\s+))?)(?<credit>[^.!?\n|—–]{1,100}\/[^.!?\n/|—–]{2,40})\s*\.?$/u;

function cleanCaption(text: string): string {
  return text.replace(/[\s—–|:;,-]+$/u, '').trim();
}

function cleanCredit(text: string): string {
  let credit = text.trim().replace(/^[:\s]+/, '');
  // Drop a sentence's closing full stop, but not the one of an initial ("J.") or an abbreviation ("Inc.").
  if (
    /\.$/.test(credit) &&
    !/(?:^|[\s.])\p{Lu}\.$/u.test(credit) &&
    !/\b(?:Inc|Ltd|Co|Jr|Sr|Corp)\.$/.test(credit)
  ) {
    credit = credit.slice(0, -1).trimEnd();
  }
  return credit.replace(/^(?:19|20)\d\d[\s,]+/, '').trim();
}

function isPlausibleCredit(credit: string): boolean {
  if (credit === '' || credit.length > MAX_CREDIT_CHARS) return false;
  if (credit.split(/\s+/).length > MAX_CREDIT_WORDS) return false;
  // A credit names someone; text that starts lower-case after the label is usually prose ("Photo: see below").
  return /^[\p{Lu}\p{N}"“'‘(@]/u.test(credit) || /[\p{Lu}]/u.test(credit);
}

function result(caption: string, credit: string): CaptionCredit | null {
  const cleaned = cleanCredit(credit);
  if (!isPlausibleCredit(cleaned)) return null;
  return { caption: cleanCaption(caption), credit: cleaned };
}

function splitBracketed(text: string): CaptionCredit | null {
  const match = BRACKETED.exec(text);
  if (!match) return null;
  return result(match[1] ?? '', match[2] ?? '');
}

function splitLabelled(text: string): CaptionCredit | null {
  const starts = [...text.matchAll(LABEL_START)];
  // The credit ends the caption, so the last label that yields a plausible credit wins.
  for (const match of starts.reverse()) {
    const groups = match.groups ?? {};
    // After a plain space only a capitalised label counts: "… in Baku Photo: AP", not "… the bank's credit: …".
    if (groups.plain !== undefined && !/^\p{Lu}/u.test(groups.label ?? '')) continue;
    const credit = text.slice(match.index + match[0].length);
    if (credit.includes('\n')) continue;
    const split = result(text.slice(0, match.index), credit);
    if (split) return split;
  }
  return null;
}

function splitCopyright(text: string): CaptionCredit | null {
  const match = COPYRIGHT.exec(text);
  if (!match || match.index === undefined) return null;
  return result(text.slice(0, match.index), match.groups?.credit ?? '');
}

function splitAgencySuffix(text: string): CaptionCredit | null {
  const match = AGENCY_SUFFIX.exec(text);
  if (!match) return null;
  const credit = match.groups?.credit ?? '';
  const parts = credit.split('/').map((part) => part.trim().toLowerCase());
  if (!parts.slice(1).some((part) => AGENCIES.includes(part.replace(/\s+via\s+.*$/, '')))) return null;
  return result(match.groups?.caption ?? '', credit);
}

/** Splits a trailing credit off a caption; returns the caption whole with credit null when there is none. */
export function splitCaptionCredit(text: string): CaptionCredit {
  const trimmed = text.trim();
  if (trimmed === '') return { caption: '', credit: null };
  const split =
    splitBracketed(trimmed) ??
    splitLabelled(trimmed) ??
    splitCopyright(trimmed) ??
    splitAgencySuffix(trimmed);
  if (split === null) return { caption: trimmed, credit: null };
  return split;
}
