// The copy desk's checks beyond the pre-publish list: spelling (with a
// speller passed in), the house style sheet, one name spelled two ways,
// repeated words, double spaces, the numbers rule and the lengths of
// headline and standfirst. Pure and synchronous; the services run it with a
// Hunspell dictionary (src-main/services/checks), tests run it as it is.
import type { SerializedNodeLike } from '../body';
import { editDistance } from './editDistance';
import { describePlace, type CheckFinding, type CheckLocation } from './findings';
import type { HouseStyle } from './houseStyle';
import { articleTexts, type CheckText, type TextField } from './textBlocks';

export interface Speller {
  /** True when the word (as written, possibly capitalised) is spelled correctly. */
  correct(word: string): boolean;
}

export interface CopyCheckOptions {
  style: HouseStyle;
  /** Omitted: no spelling findings, and the name check treats every word as unknown. */
  speller?: Speller;
}

export interface CopyCheckArticle {
  meta: Record<TextField, string> & { leadImage?: { hash: string; caption: string } | null };
  body: SerializedNodeLike;
}

const WORD = /[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*/gu;
const URLISH = /(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+/giu;
const SENTENCE_START = /(?:^|[.!?…:;"“‘(\u2014]\s*|\n\s*)$/u;
/** Capitalised, at least four letters, not all capitals: a name candidate. */
const NAME = /^\p{Lu}[\p{Ll}\p{M}]+(?:['’-]?[\p{L}\p{M}]+)*$/u;
const REPEAT_ALLOWED: ReadonlySet<string> = new Set(['had', 'that']);
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const MONTHS =
  /(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+$/u;
const NUMBER_CONTEXT_BEFORE =
  /(?:\b(?:No|no|page|chapter|article|section|room|grade|version|level|Article|Section|Chapter|Page)\.?\s+|[£$€¥#-]\s*)$/u;
const NUMBER_UNITS =
  /^\s+(?:million|billion|trillion|percent|per\s+cent|pm|am|p\.m\.|a\.m\.|km|kg|cm|mm|m|ft|in|mph|kph|ml|lb|lbs|oz|GB|MB|TB|mins?|secs?|hrs?)\b/u;

interface Token {
  word: string;
  start: number;
  end: number;
}

function findingFor(
  where: CheckText,
  start: number,
  end: number,
  fields: Omit<CheckFinding, 'place' | 'location'> & { location?: Partial<CheckLocation> },
): CheckFinding {
  const location: CheckLocation = {
    field: where.field,
    ...(where.nodeIndex !== undefined ? { nodeIndex: where.nodeIndex } : {}),
    ...(where.imageHash !== undefined ? { imageHash: where.imageHash } : {}),
    ...(where.part !== undefined ? { part: where.part } : {}),
    start,
    end,
    text: where.text.slice(start, end),
    ...fields.location,
  };
  return { ...fields, place: describePlace(location), location };
}

/** Words of a text with positions; URLs and e-mail addresses are skipped. */
export function tokenize(text: string): Token[] {
  const masked = text.replace(URLISH, (match) => ' '.repeat(match.length));
  const tokens: Token[] = [];
  for (const match of masked.matchAll(WORD)) {
    const start = match.index;
    const end = start + match[0].length;
    // Part of "COVID19" or "3rd": not a word to check.
    if (/[\p{N}_]/u.test(text[start - 1] ?? '') || /[\p{N}_]/u.test(text[end] ?? '')) continue;
    tokens.push({ word: match[0], start, end });
  }
  return tokens;
}

function isSentenceStart(text: string, start: number): boolean {
  return SENTENCE_START.test(text.slice(Math.max(0, start - 4), start));
}

/** The word as the dictionary should see it: curly apostrophe straightened, a possessive 's dropped. */
function spellingForm(word: string): string {
  return word.replace(/’/g, "'").replace(/'s$/i, '');
}

interface SpellingCandidate {
  finding: CheckFinding;
  /** A capitalised word starting a sentence: a name (and no finding) when the article uses it mid-sentence too. */
  form: string | null;
}

/** One text's spelling findings, and the capitalised words it uses mid-sentence (names). */
function spellingOf(
  where: CheckText,
  tokens: Token[],
  speller: Speller,
): { candidates: SpellingCandidate[]; midCaps: string[] } {
  const candidates: SpellingCandidate[] = [];
  const midCaps: string[] = [];
  for (const token of tokens) {
    const { word } = token;
    if ([...word].length < 2) continue;
    // Acronyms, and names written mid-sentence, are left to the name check and the style sheet.
    if (word === word.toUpperCase()) continue;
    if (/\p{Lu}/u.test(word.slice(1))) continue;
    const capitalised = /^\p{Lu}/u.test(word);
    const atStart = capitalised && isSentenceStart(where.text, token.start);
    if (capitalised && !atStart) {
      midCaps.push(spellingForm(word));
      continue;
    }
    const form = spellingForm(word);
    if (speller.correct(form)) continue;
    candidates.push({
      form: atStart ? form : null,
      finding: findingFor(where, token.start, token.start + form.length, {
        id: 'spelling',
        key: `spelling|${form}`,
        category: 'spelling',
        severity: 'warning',
        message: `“${form}” is not in the dictionary.`,
        word: form,
      }),
    });
  }
  return { candidates, midCaps };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function phrasePattern(phrase: string): RegExp {
  const caseSensitive = phrase !== phrase.toLowerCase();
  const body = phrase.trim().split(/\s+/).map(escapeRegExp).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}_'’-])${body}(?![\\p{L}\\p{N}_-])`, caseSensitive ? 'gu' : 'giu');
}

/** The replacement with the found text's capitalisation kept ("E-mail" -> "Email"). */
function matchCase(found: string, replacement: string): string {
  if (replacement === '' || found === '') return replacement;
  if (found === found.toUpperCase() && found.length > 1 && /\p{L}/u.test(found))
    return replacement.toUpperCase();
  if (/^\p{Lu}/u.test(found) && /^\p{Ll}/u.test(replacement))
    return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  return replacement;
}

function checkHouseStyle(texts: CheckText[], style: HouseStyle, out: CheckFinding[]): void {
  const preferred = Object.entries(style.preferred).map(([wrong, right]) => ({
    wrong,
    right,
    pattern: phrasePattern(wrong),
  }));
  const forbidden = Object.entries(style.forbidden).map(([phrase, why]) => ({
    phrase,
    why,
    pattern: phrasePattern(phrase),
  }));
  for (const where of texts) {
    if (where.text === '') continue;
    for (const rule of preferred) {
      for (const match of where.text.matchAll(rule.pattern)) {
        const replacement = matchCase(match[0], rule.right);
        out.push(
          findingFor(where, match.index, match.index + match[0].length, {
            id: 'style-preferred',
            key: `style-preferred|${rule.wrong}`,
            category: 'style',
            severity: 'warning',
            message: `House style: write “${rule.right}”, not “${match[0]}”.`,
            fix: { label: `Replace with ${replacement}`, replacement },
          }),
        );
      }
    }
    for (const rule of forbidden) {
      for (const match of where.text.matchAll(rule.pattern)) {
        out.push(
          findingFor(where, match.index, match.index + match[0].length, {
            id: 'style-forbidden',
            key: `style-forbidden|${rule.phrase}`,
            category: 'style',
            severity: 'warning',
            message: `House style: do not use “${match[0]}”. ${rule.why}`.trim(),
          }),
        );
      }
    }
  }
}

function checkRepeatedWords(texts: CheckText[], out: CheckFinding[]): void {
  const pattern =
    /(?<![\p{L}\p{N}_'’])([\p{L}\p{N}]+(?:['’][\p{L}]+)?)([ \t\u00a0]+)([\p{L}\p{N}]+(?:['’][\p{L}]+)?)(?![\p{L}\p{N}_'’])/gu;
  for (const where of texts) {
    pattern.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = pattern.exec(where.text)) !== null) {
      const [whole, first = '', , second = ''] = match;
      if (
        first.toLowerCase() === second.toLowerCase() &&
        !REPEAT_ALLOWED.has(first.toLowerCase()) &&
        !/^\d+$/.test(first)
      ) {
        out.push(
          findingFor(where, match.index, match.index + whole.length, {
            id: 'repeated-word',
            key: `repeated-word|${where.field}|${first.toLowerCase()}`,
            category: 'style',
            severity: 'warning',
            message: `“${first}” is written twice in a row.`,
            fix: { label: `Remove the second “${second}”`, replacement: first },
          }),
        );
      }
      // Let the second word start the next pair ("the the the").
      pattern.lastIndex = match.index + first.length + (match[2]?.length ?? 0);
    }
  }
}

function checkSpaces(texts: CheckText[], out: CheckFinding[]): void {
  for (const where of texts) {
    for (const match of where.text.matchAll(/(?<=\S) {2,}(?=\S)/gu)) {
      const before = /(\S{1,20})$/u.exec(where.text.slice(0, match.index))?.[1] ?? '';
      const after = /^(\S{1,20})/u.exec(where.text.slice(match.index + match[0].length))?.[1] ?? '';
      out.push(
        findingFor(where, match.index, match.index + match[0].length, {
          id: 'double-space',
          key: `double-space|${where.field}|${before}|${after}`,
          category: 'style',
          severity: 'advice',
          message: `Two or more spaces between “${before}” and “${after}”.`,
          fix: { label: 'Replace with one space', replacement: ' ' },
        }),
      );
    }
  }
}

function checkNumbers(texts: CheckText[], style: HouseStyle, out: CheckFinding[]): void {
  const limit = Math.min(style.numbers.spellOutBelow, NUMBER_WORDS.length);
  if (limit <= 0) return;
  for (const where of texts) {
    if (where.field === 'byline' || where.field === 'bylineRole') continue;
    for (const match of where.text.matchAll(/(?<![\p{L}\p{N}.,:/'’])\d+(?![\p{N}.,:%/'’\p{L}°])/gu)) {
      const figure = match[0];
      const value = Number(figure);
      const start = match.index;
      const end = start + figure.length;
      const before = where.text.slice(Math.max(0, start - 12), start);
      const after = where.text.slice(end, end + 12);
      const atStart = isSentenceStart(where.text, start) && /^\s+\p{L}/u.test(after);
      const small = value < limit && !(figure.length > 1 && figure.startsWith('0'));
      if (atStart && !small) {
        out.push(
          findingFor(where, start, end, {
            id: 'number-sentence-start',
            key: `number-sentence-start|${where.field}|${figure}`,
            category: 'style',
            severity: 'advice',
            message: `A sentence starts with the figure “${figure}”. Spell it out or reword the sentence.`,
          }),
        );
        continue;
      }
      if (!small) continue;
      // Only a count of things: "3 people", not "March 3", "No. 3", "3 million", "£3", "3 to 2".
      if (!atStart && !/^\s+\p{Ll}/u.test(after)) continue;
      if (NUMBER_UNITS.test(after) || MONTHS.test(before) || NUMBER_CONTEXT_BEFORE.test(before)) continue;
      if (/\d\s*(?:to|-|–|and|or)\s*$/u.test(before) || /^\s*(?:to|-|–|and|or)\s*\d/u.test(after)) continue;
      let word = NUMBER_WORDS[value]!;
      if (atStart) word = word.charAt(0).toUpperCase() + word.slice(1);
      out.push(
        findingFor(where, start, end, {
          id: 'number-style',
          key: `number-style|${where.field}|${figure} ${/^\s+(\p{L}+)/u.exec(after)?.[1] ?? ''}`,
          category: 'style',
          severity: 'advice',
          message: `House style writes numbers below ${limit} as words: “${word}”.`,
          fix: { label: `Replace with ${word}`, replacement: word },
        }),
      );
    }
  }
}

function checkLengths(meta: Record<TextField, string>, style: HouseStyle, out: CheckFinding[]): void {
  for (const [field, label, max] of [
    ['headline', 'headline', style.headline.maxCharacters],
    ['standfirst', 'standfirst', style.standfirst.maxCharacters],
  ] as const) {
    const length = [...meta[field].trim()].length;
    if (length > max) {
      out.push({
        id: `${field}-length`,
        key: `${field}-length`,
        category: 'style',
        severity: 'advice',
        message: `The ${label} has ${length} characters; house style allows ${max}.`,
        place: describePlace({ field }),
        location: { field },
      });
    }
  }
}

interface NameUse {
  where: CheckText;
  start: number;
  end: number;
}

/** Capitalised words of a text that may be names, with their places. */
function nameTokensOf(tokens: Token[]): Array<{ word: string; start: number; end: number }> {
  const names: Array<{ word: string; start: number; end: number }> = [];
  for (const token of tokens) {
    const word = token.word.replace(/['’]s$/u, '');
    if ([...word].length < 4 || !NAME.test(word)) continue;
    names.push({ word, start: token.start, end: token.start + word.length });
  }
  return names;
}

/**
 * One name spelled two ways ("Khojaly" and "Khojali"), found without any
 * list: capitalised words at a small edit distance from another capitalised
 * word in the same article, unless both are dictionary words or one is the
 * other plus an ending ("Azerbaijan", "Azerbaijani"). Every use of the rarer
 * spelling is a finding whose fix is the commoner one.
 */
function checkNameVariants(
  uses: Map<string, NameUse[]>,
  speller: Speller | undefined,
  pairs: Map<string, boolean>,
  out: CheckFinding[],
): void {
  const isKnown = (word: string): boolean =>
    speller ? speller.correct(word.toLowerCase()) || speller.correct(word) : false;
  // Buckets by first letter keep the pairwise comparison small on long articles.
  const buckets = new Map<string, string[]>();
  for (const word of uses.keys()) {
    const bucket = buckets.get(word[0]!) ?? [];
    bucket.push(word);
    buckets.set(word[0]!, bucket);
  }
  const flagged = new Set<string>();
  for (const words of buckets.values()) {
    words.sort();
    for (let i = 0; i < words.length; i += 1) {
      for (let j = i + 1; j < words.length; j += 1) {
        const a = words[i]!;
        const b = words[j]!;
        const pairKey = `${a}\u0000${b}`;
        let variant = pairs.get(pairKey);
        if (variant === undefined) {
          const max = Math.min(a.length, b.length) >= 8 ? 2 : 1;
          variant =
            !a.startsWith(b) &&
            !b.startsWith(a) &&
            editDistance(a, b, max) <= max &&
            !(isKnown(a) && isKnown(b));
          pairs.set(pairKey, variant);
        }
        if (!variant) continue;
        const usesA = uses.get(a)!;
        const usesB = uses.get(b)!;
        const [rare, common] =
          usesA.length < usesB.length || (usesA.length === usesB.length && a > b) ? [a, b] : [b, a];
        if (flagged.has(rare)) continue;
        flagged.add(rare);
        const commonPlaces = [...new Set(uses.get(common)!.map((use) => describePlace(use.where)))];
        for (const use of uses.get(rare)!) {
          out.push(
            findingFor(use.where, use.start, use.end, {
              id: 'name-variant',
              key: `name-variant|${rare}|${common}`,
              category: 'consistency',
              severity: 'warning',
              message: `“${rare}” is spelled “${common}” elsewhere (${commonPlaces.slice(0, 3).join('; ')}${commonPlaces.length > 3 ? '; …' : ''}). One name, two spellings?`,
              fix: { label: `Replace with ${common}`, replacement: common },
            }),
          );
        }
      }
    }
  }
}

interface TextAnalysis {
  /** House style, repeated words, double spaces, numbers: findings that depend on this text alone. */
  local: CheckFinding[];
  spelling: SpellingCandidate[];
  midCaps: string[];
  names: Array<{ word: string; start: number; end: number }>;
  generation: number;
}

/**
 * Results of earlier runs, per text: typing changes one paragraph, so a run
 * re-checks that paragraph and reuses the others. Keep one per article
 * (the services keep one per open draft); it empties itself when the style
 * sheet or the speller changes, and forgets texts the last run did not see.
 */
export interface CopyCheckCache {
  style: HouseStyle | null;
  speller: Speller | null;
  generation: number;
  texts: Map<string, TextAnalysis>;
  pairs: Map<string, boolean>;
}

export function createCopyCheckCache(): CopyCheckCache {
  return { style: null, speller: null, generation: 0, texts: new Map(), pairs: new Map() };
}

function analyse(source: CheckText, options: CopyCheckOptions, generation: number): TextAnalysis {
  // Findings are made for the text alone; each run stamps them with the block's place.
  const where: CheckText = {
    field: source.field,
    text: source.text,
    ...(source.part !== undefined ? { part: source.part } : {}),
  };
  const tokens = tokenize(source.text);
  const local: CheckFinding[] = [];
  checkHouseStyle([where], options.style, local);
  checkRepeatedWords([where], local);
  checkSpaces([where], local);
  checkNumbers([where], options.style, local);
  const spelling = options.speller
    ? spellingOf(where, tokens, options.speller)
    : { candidates: [], midCaps: [] };
  return {
    local,
    spelling: spelling.candidates,
    midCaps: spelling.midCaps,
    names: nameTokensOf(tokens),
    generation,
  };
}

function stamp(finding: CheckFinding, where: CheckText): CheckFinding {
  const location = {
    ...finding.location,
    field: where.field,
    ...(where.nodeIndex !== undefined ? { nodeIndex: where.nodeIndex } : {}),
    ...(where.imageHash !== undefined ? { imageHash: where.imageHash } : {}),
    ...(where.part !== undefined ? { part: where.part } : {}),
  };
  return { ...finding, place: describePlace(location), location };
}

/** Every copy finding of the article, unsorted and before ignores. */
export function runCopyChecks(
  article: CopyCheckArticle,
  options: CopyCheckOptions,
  cache: CopyCheckCache = createCopyCheckCache(),
): CheckFinding[] {
  if (cache.style !== options.style || cache.speller !== (options.speller ?? null)) {
    cache.style = options.style;
    cache.speller = options.speller ?? null;
    cache.texts.clear();
    cache.pairs.clear();
  }
  if (cache.pairs.size > 200_000) cache.pairs.clear();
  const generation = (cache.generation += 1);
  const out: CheckFinding[] = [];
  const names = new Set<string>();
  const uses = new Map<string, NameUse[]>();
  const spelling: Array<{ candidate: SpellingCandidate; where: CheckText }> = [];
  for (const where of articleTexts(article)) {
    const key = `${where.field}\u0000${where.part ?? ''}\u0000${where.text}`;
    let analysis = cache.texts.get(key);
    if (!analysis) {
      analysis = analyse(where, options, generation);
      cache.texts.set(key, analysis);
    }
    analysis.generation = generation;
    for (const finding of analysis.local) out.push(stamp(finding, where));
    for (const candidate of analysis.spelling) spelling.push({ candidate, where });
    for (const word of analysis.midCaps) names.add(word);
    for (const name of analysis.names) {
      const list = uses.get(name.word) ?? [];
      list.push({ where, start: name.start, end: name.end });
      uses.set(name.word, list);
    }
  }
  for (const [key, analysis] of cache.texts) if (analysis.generation !== generation) cache.texts.delete(key);
  // A capitalised word starting a sentence is a name when the article also writes it mid-sentence.
  for (const { candidate, where } of spelling)
    if (candidate.form === null || !names.has(candidate.form)) out.push(stamp(candidate.finding, where));
  checkNameVariants(uses, options.speller, cache.pairs, out);
  checkLengths(article.meta, options.style, out);
  return out;
}
