// Hunspell spelling through nspell, the same in both shells and in tests.
// Each language's dictionary is loaded on first use and kept (building it
// takes a good part of a second); answers are cached per word. The checks
// never ask for suggestions here: suggester.ts computes them in a worker.
import nspell from 'nspell';
import type { SpellingLanguage } from '../../../src-shared/ipc/checksChannels';
import type { Speller } from '../../../src-shared/checks/copyChecks';

interface HunspellDictionary {
  aff: Uint8Array;
  dic: Uint8Array;
}

const LOADERS: Record<SpellingLanguage, () => Promise<HunspellDictionary>> = {
  'en-US': async () => (await import('dictionary-en')).default,
  'en-GB': async () => (await import('dictionary-en-gb')).default,
};

export interface LoadedSpeller extends Speller {
  readonly language: SpellingLanguage;
  /** nspell's suggestions, computed here and now: can take seconds for an unusual word (see suggester.ts). */
  suggest(word: string): string[];
}

const loaded = new Map<SpellingLanguage, Promise<ReturnType<typeof nspell>>>();

function loadDictionary(language: SpellingLanguage): Promise<ReturnType<typeof nspell>> {
  let pending = loaded.get(language);
  if (!pending) {
    pending = LOADERS[language]().then(({ aff, dic }) =>
      nspell({ aff: Buffer.from(aff), dic: Buffer.from(dic) }),
    );
    // A failed load is retried on the next run rather than cached.
    pending.catch(() => loaded.delete(language));
    loaded.set(language, pending);
  }
  return pending;
}

const MAX_SUGGESTIONS = 5;

/**
 * A speller for `language` that also accepts `extraWords` (the personal and
 * desk dictionaries). The same dictionary object is shared; the caches are
 * per speller, so build a new one when the word lists change.
 */
export async function createSpeller(
  language: SpellingLanguage,
  extraWords: Iterable<string>,
): Promise<LoadedSpeller> {
  const dictionary = await loadDictionary(language);
  const extra = new Set<string>();
  for (const word of extraWords) {
    extra.add(word);
    extra.add(word.toLowerCase());
  }
  const answers = new Map<string, boolean>();
  const suggestions = new Map<string, string[]>();
  const correct = (word: string): boolean => {
    let answer = answers.get(word);
    if (answer === undefined) {
      const straight = word.replace(/’/g, "'");
      answer =
        extra.has(straight) ||
        extra.has(straight.toLowerCase()) ||
        dictionary.correct(straight) ||
        // "Judgment" at a sentence's start is the word "judgment".
        (/^\p{Lu}\p{Ll}/u.test(straight) && dictionary.correct(straight.toLowerCase()));
      answers.set(word, answer);
    }
    return answer;
  };
  return {
    language,
    correct,
    suggest(word) {
      let list = suggestions.get(word);
      if (!list) {
        list = dictionary.suggest(word).slice(0, MAX_SUGGESTIONS);
        suggestions.set(word, list);
      }
      return list;
    },
  };
}
