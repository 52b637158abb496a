// The house style sheet file: house-style.yaml in the data folder. Written
// with the shipped defaults on first use; read again whenever it changes
// on disk (checked by modification time on each run, so an edit in any text
// editor applies at the next check). A broken file is reported and the
// defaults apply; it is never overwritten without the editor asking.
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import { z } from 'zod';
import {
  DEFAULT_HOUSE_STYLE,
  DEFAULT_HOUSE_STYLE_YAML,
  HouseStyleSchema,
  type HouseStyle,
} from '../../../src-shared/checks/houseStyle';
import { AppFailure } from '../../../src-shared/ipc';

export const STYLE_SHEET_FILE = 'house-style.yaml';

export interface StyleSheetState {
  path: string;
  style: HouseStyle;
  text: string;
  error: string | null;
}

/** Parses a style sheet's text; throws an Error whose message says what and where. */
export function parseStyleSheet(text: string): HouseStyle {
  let value: unknown;
  try {
    value = parse(text) ?? {};
  } catch (error) {
    if (error instanceof YAMLParseError) {
      const line = error.linePos?.[0]?.line;
      throw new Error(
        `It is not valid YAML${line ? ` (line ${line})` : ''}: ${error.message.split('\n')[0]}`,
      );
    }
    throw error;
  }
  const parsed = HouseStyleSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at "${issue.path.join('.')}"` : '';
    throw new Error(
      `It does not follow the style sheet's shape${where}: ${issue?.message ?? z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}

export function createStyleSheetFile(dataDir: string) {
  const path = join(dataDir, STYLE_SHEET_FILE);
  let cached: { mtimeMs: number; size: number; state: StyleSheetState } | null = null;

  const read = (): StyleSheetState => {
    if (!existsSync(path)) {
      try {
        writeFileSync(path, DEFAULT_HOUSE_STYLE_YAML, { encoding: 'utf8', flag: 'wx' });
      } catch {
        return { path, style: DEFAULT_HOUSE_STYLE, text: DEFAULT_HOUSE_STYLE_YAML, error: null };
      }
    }
    let stat;
    try {
      stat = statSync(path);
    } catch (error) {
      return {
        path,
        style: DEFAULT_HOUSE_STYLE,
        text: '',
        error: `${path} cannot be read (${String(error)}).`,
      };
    }
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.state;
    let state: StyleSheetState;
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
      state = { path, style: parseStyleSheet(text), text, error: null };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      state = {
        path,
        style: DEFAULT_HOUSE_STYLE,
        text,
        error: `The house style sheet ${path} cannot be used, so the shipped defaults apply. ${detail}`,
      };
    }
    cached = { mtimeMs: stat.mtimeMs, size: stat.size, state };
    return state;
  };

  const save = (text: string): StyleSheetState => {
    try {
      parseStyleSheet(text);
    } catch (error) {
      throw new AppFailure(
        'invalid_input',
        `The style sheet was not saved. ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const temp = `${path}.writing`;
    writeFileSync(temp, text, 'utf8');
    renameSync(temp, path);
    cached = null;
    return read();
  };

  return { path, read, save };
}
