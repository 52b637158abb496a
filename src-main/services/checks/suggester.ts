// Spelling suggestions off the check path. nspell's suggest takes from a few
// milliseconds ("recieve") to seconds (an unusual word with no near
// neighbours), so it runs in a worker thread with its own copy of the
// dictionary: a check after a keystroke never waits for it. Answers are
// cached per language and word; the Checks panel asks for the words it shows.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SpellingLanguage } from '../../../src-shared/ipc/checksChannels';

const MAX_SUGGESTIONS = 5;

// The worker is plain CommonJS given as a string (no second bundle entry to
// keep in step with electron-vite); the modules it imports are resolved here,
// to absolute file URLs, so it finds them wherever the app is installed.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const spellers = new Map();
function load(language) {
  let pending = spellers.get(language);
  if (!pending) {
    pending = Promise.all([import(workerData.nspell), import(workerData.dictionaries[language])]).then(
      ([nspell, dictionary]) => nspell.default({ aff: Buffer.from(dictionary.default.aff), dic: Buffer.from(dictionary.default.dic) }),
    );
    spellers.set(language, pending);
  }
  return pending;
}
parentPort.on('message', async ({ id, language, word }) => {
  try {
    const speller = await load(language);
    parentPort.postMessage({ id, suggestions: speller.suggest(word).slice(0, ${MAX_SUGGESTIONS}) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message || error) });
  }
});
`;

interface Reply {
  id: number;
  suggestions?: string[];
  error?: string;
}

export interface Suggester {
  /** Suggestions already computed, or undefined. */
  cached(language: SpellingLanguage, word: string): string[] | undefined;
  /** Computes (in the worker) what is not cached yet. */
  suggest(language: SpellingLanguage, words: readonly string[]): Promise<Map<string, string[]>>;
  close(): Promise<void>;
}

export function createSuggester(): Suggester {
  const cache = new Map<string, string[]>();
  const key = (language: SpellingLanguage, word: string) => `${language}\u0000${word}`;
  let worker: Worker | null = null;
  let nextId = 1;
  const waiting = new Map<number, { resolve(list: string[]): void; reject(error: Error): void }>();
  const inFlight = new Map<string, Promise<string[]>>();

  const start = (): Worker => {
    if (worker) return worker;
    const require = createRequire(import.meta.url);
    const url = (specifier: string) => pathToFileURL(require.resolve(specifier)).href;
    const created = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        nspell: url('nspell'),
        dictionaries: { 'en-US': url('dictionary-en'), 'en-GB': url('dictionary-en-gb') },
      },
    });
    created.unref();
    created.on('message', (reply: Reply) => {
      const pending = waiting.get(reply.id);
      if (!pending) return;
      waiting.delete(reply.id);
      if (reply.error !== undefined) pending.reject(new Error(reply.error));
      else pending.resolve(reply.suggestions ?? []);
    });
    const fail = (error: Error) => {
      for (const pending of waiting.values()) pending.reject(error);
      waiting.clear();
      worker = null;
    };
    created.on('error', fail);
    created.on('exit', (code) => {
      if (waiting.size > 0) fail(new Error(`the spelling worker stopped (exit code ${code})`));
      worker = null;
    });
    worker = created;
    return created;
  };

  const one = (language: SpellingLanguage, word: string): Promise<string[]> => {
    const k = key(language, word);
    const known = cache.get(k);
    if (known) return Promise.resolve(known);
    let pending = inFlight.get(k);
    if (!pending) {
      pending = new Promise<string[]>((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        start().postMessage({ id, language, word });
      })
        .then((list) => {
          cache.set(k, list);
          return list;
        })
        .finally(() => inFlight.delete(k));
      inFlight.set(k, pending);
    }
    return pending;
  };

  return {
    cached: (language, word) => cache.get(key(language, word)),
    async suggest(language, words) {
      const lists = await Promise.all(words.map((word) => one(language, word)));
      return new Map(words.map((word, i) => [word, lists[i]!]));
    },
    async close() {
      await worker?.terminate();
      worker = null;
    },
  };
}
