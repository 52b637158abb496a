// Seeded text for every benchmark: invented words from syllables, so runs are
// repeatable and no one's article is copied into the repo.

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  'ka',
  'lo',
  'mer',
  'sti',
  'van',
  'dro',
  'pel',
  'tu',
  'ris',
  'no',
  'bel',
  'qua',
  'zen',
  'ha',
  'mi',
  'tor',
];

/** Unique final word of every generated body: a check that the whole text arrived. */
export const END_MARKER = 'zqxendmark';

/**
 * Paragraphs totalling `words` words (the last word is END_MARKER), about 80
 * words a paragraph, sentences of 6–20 words.
 */
export function generateParagraphs(words, seed = 1) {
  const random = seededRandom(seed);
  const pick = (n) => Math.floor(random() * n);
  const word = () => {
    let result = '';
    const syllables = 1 + pick(3);
    for (let i = 0; i < syllables; i += 1) result += SYLLABLES[pick(SYLLABLES.length)];
    return result;
  };
  const paragraphs = [];
  let remaining = words;
  while (remaining > 0) {
    const target = Math.min(remaining, 60 + pick(41));
    const sentences = [];
    let inParagraph = 0;
    while (inParagraph < target) {
      const length = Math.min(target - inParagraph, 6 + pick(15));
      const sentence = [];
      for (let i = 0; i < length; i += 1) sentence.push(word());
      const first = sentence[0] ?? '';
      sentence[0] = first.charAt(0).toUpperCase() + first.slice(1);
      sentences.push(`${sentence.join(' ')}.`);
      inParagraph += length;
    }
    paragraphs.push(sentences.join(' '));
    remaining -= target;
  }
  const last = paragraphs.length - 1;
  paragraphs[last] = `${paragraphs[last].replace(/\.$/, '')} ${END_MARKER}.`;
  return paragraphs;
}

/** Lexical 0.52 serialized editor state holding the paragraphs as plain text. */
export function lexicalStateOf(paragraphs) {
  return {
    root: {
      type: 'root',
      version: 1,
      direction: 'ltr',
      format: '',
      indent: 0,
      children: paragraphs.map((text) => ({
        type: 'paragraph',
        version: 1,
        direction: 'ltr',
        format: '',
        indent: 0,
        textFormat: 0,
        textStyle: '',
        children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }],
      })),
    },
  };
}

/** The same body envelope src-shared/body.ts wrapEditorState writes (format version 1). */
export function bodyEnvelopeJson(paragraphs) {
  return JSON.stringify({
    format: 'copydesk.body',
    version: 1,
    lexical: '0.52.0',
    editorState: lexicalStateOf(paragraphs),
  });
}

export function htmlOf(paragraphs) {
  return paragraphs.map((text) => `<p>${text}</p>`).join('');
}
