// The Checks panel's service: runs every check over the article the editor
// sends (pre-publish list, spelling, house style, names), keeps the personal
// and desk dictionaries and per-article ignores in SQLite, and the style
// sheet in the data folder. The spelling dictionary loads on the first run.
import type Database from 'better-sqlite3';
import { parseBody } from '../../../src-shared/body';
import { runAllChecks } from '../../../src-shared/checks/allChecks';
import { createCopyCheckCache, type CopyCheckCache } from '../../../src-shared/checks/copyChecks';
import { withSuggestions, type CheckFinding } from '../../../src-shared/checks/findings';
import { AppFailure, type Handlers } from '../../../src-shared/ipc';
import {
  SPELLING_LANGUAGES,
  type ChecksSettings,
  type DictionaryName,
  type SpellingLanguage,
} from '../../../src-shared/ipc/checksChannels';
import { createSpeller, type LoadedSpeller } from './speller';
import { createSuggester, type Suggester } from './suggester';
import { createStyleSheetFile } from './styleSheet';

export type ChecksChannel =
  | 'checks:run'
  | 'checks:suggest'
  | 'checks:settings'
  | 'checks:setLanguage'
  | 'checks:addWord'
  | 'checks:removeWord'
  | 'checks:ignore'
  | 'checks:getStyleSheet'
  | 'checks:saveStyleSheet';
export type ChecksHandlers = Pick<Handlers, ChecksChannel>;

export interface ChecksServiceOptions {
  db: Database.Database;
  dataDir: string;
  now(): number;
  /** The spam domains the pre-publish check uses (the publish settings). */
  spamDomains(): Promise<string[]> | string[];
  /** Where suggestions are computed (default: a worker thread). */
  suggester?: Suggester;
}

const DEFAULT_LANGUAGE: SpellingLanguage = 'en-US';
const DEFAULT_SUGGEST_LIMIT = 50;
/** Drafts whose earlier results are kept (the open one, and a few switched away from). */
const CACHED_DRAFTS = 4;

export function createChecksService(options: ChecksServiceOptions): {
  handlers: ChecksHandlers;
  close(): Promise<void>;
} {
  const { db, now } = options;
  const suggester = options.suggester ?? createSuggester();
  const styleSheet = createStyleSheetFile(options.dataDir);
  const sql = {
    words: db.prepare<[string], { word: string }>(
      `SELECT word FROM check_words WHERE dictionary = ? ORDER BY word COLLATE NOCASE`,
    ),
    addWord: db.prepare<[string, string, number]>(
      `INSERT INTO check_words (dictionary, word, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    removeWord: db.prepare<[string, string]>(`DELETE FROM check_words WHERE dictionary = ? AND word = ?`),
    ignores: db.prepare<[string], { finding_key: string }>(
      `SELECT finding_key FROM check_ignores WHERE draft_id = ?`,
    ),
    ignore: db.prepare<[string, string, number]>(
      `INSERT INTO check_ignores (draft_id, finding_key, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
    ),
    unignore: db.prepare<[string, string]>(
      `DELETE FROM check_ignores WHERE draft_id = ? AND finding_key = ?`,
    ),
    draftExists: db.prepare<[string], { id: string }>(`SELECT id FROM drafts WHERE id = ?`),
    getSetting: db.prepare<[string], { value_json: string }>(
      `SELECT value_json FROM check_settings WHERE key = ?`,
    ),
    setSetting: db.prepare<[string, string]>(
      `INSERT INTO check_settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json`,
    ),
  };

  const language = (): SpellingLanguage => {
    const row = sql.getSetting.get('language');
    const value: unknown = row ? JSON.parse(row.value_json) : null;
    return SPELLING_LANGUAGES.find((l) => l === value) ?? DEFAULT_LANGUAGE;
  };
  const words = (dictionary: DictionaryName): string[] => sql.words.all(dictionary).map((row) => row.word);
  const settings = (): ChecksSettings => ({
    language: language(),
    personal: words('personal'),
    desk: words('desk'),
    styleSheetPath: styleSheet.path,
  });

  // One speller per (language, word lists); rebuilt when either changes.
  let speller: { version: string; speller: Promise<LoadedSpeller> } | null = null;
  let wordsVersion = 0;
  const currentSpeller = (): Promise<LoadedSpeller> => {
    const lang = language();
    const version = `${lang}:${wordsVersion}`;
    if (!speller || speller.version !== version) {
      const pending = createSpeller(lang, [...words('personal'), ...words('desk')]);
      speller = { version, speller: pending };
      pending.catch(() => {
        if (speller?.speller === pending) speller = null;
      });
    }
    return speller.speller;
  };

  const caches = new Map<string, CopyCheckCache>();
  const cacheFor = (draftId: string): CopyCheckCache => {
    const cache = caches.get(draftId) ?? createCopyCheckCache();
    caches.delete(draftId);
    caches.set(draftId, cache);
    for (const key of caches.keys()) if (caches.size > CACHED_DRAFTS) caches.delete(key);
    return cache;
  };

  const handlers: ChecksHandlers = {
    'checks:run': async ({ draftId, meta, body, suggestLimit }) => {
      let root;
      try {
        root = parseBody(body).editorState.root;
      } catch (error) {
        throw new AppFailure(
          'invalid_input',
          error instanceof Error ? error.message : 'The article body cannot be read.',
        );
      }
      let spell: LoadedSpeller;
      try {
        spell = await currentSpeller();
      } catch (error) {
        throw new AppFailure(
          'internal',
          `The ${language()} spelling dictionary could not be loaded (${error instanceof Error ? error.message : String(error)}). Reinstall Copydesk.`,
        );
      }
      const started = performance.now();
      const sheet = styleSheet.read();
      const ignored = new Set(sql.ignores.all(draftId).map((row) => row.finding_key));
      const result = runAllChecks(
        { meta, body: root },
        {
          spamDomains: await options.spamDomains(),
          style: sheet.style,
          speller: spell,
          ignored,
          cache: cacheFor(draftId),
        },
      );
      const findings = addCachedSuggestions(
        result.findings,
        (word) => suggester.cached(spell.language, word),
        suggestLimit ?? DEFAULT_SUGGEST_LIMIT,
      );
      return {
        findings,
        ignored: result.ignored,
        language: spell.language,
        styleSheetError: sheet.error,
        elapsedMs: Math.round((performance.now() - started) * 10) / 10,
      };
    },
    'checks:suggest': async ({ words }) => {
      const lang = language();
      let lists: Map<string, string[]>;
      try {
        lists = await suggester.suggest(lang, [...new Set(words)]);
      } catch (error) {
        throw new AppFailure(
          'internal',
          `Spelling suggestions are not available (${error instanceof Error ? error.message : String(error)}). The checks still work.`,
        );
      }
      return { language: lang, suggestions: Object.fromEntries(lists) };
    },
    'checks:settings': () => settings(),
    'checks:setLanguage': ({ language: lang }) => {
      sql.setSetting.run('language', JSON.stringify(lang));
      return settings();
    },
    'checks:addWord': ({ word, dictionary }) => {
      sql.addWord.run(dictionary, word.replace(/’/g, "'"), now());
      wordsVersion += 1;
      return settings();
    },
    'checks:removeWord': ({ word, dictionary }) => {
      sql.removeWord.run(dictionary, word.replace(/’/g, "'"));
      wordsVersion += 1;
      return settings();
    },
    'checks:ignore': ({ draftId, key, ignored }) => {
      if (!sql.draftExists.get(draftId)) throw new AppFailure('not_found', 'This draft no longer exists.');
      if (ignored) sql.ignore.run(draftId, key, now());
      else sql.unignore.run(draftId, key);
      return {};
    },
    'checks:getStyleSheet': () => {
      const { path, text, error } = styleSheet.read();
      return { path, text, error };
    },
    'checks:saveStyleSheet': ({ text }) => {
      const { path, text: saved, error } = styleSheet.save(text);
      return { path, text: saved, error };
    },
  };
  return { handlers, close: () => suggester.close() };
}

/** The first `limit` spelling findings with the suggestions already known; the panel asks for the rest. */
function addCachedSuggestions(
  findings: CheckFinding[],
  cached: (word: string) => string[] | undefined,
  limit: number,
): CheckFinding[] {
  let count = 0;
  return findings.map((finding) => {
    if (finding.category !== 'spelling' || !finding.word || count >= limit) return finding;
    count += 1;
    const list = cached(finding.word);
    return list ? withSuggestions(finding, list) : finding;
  });
}
