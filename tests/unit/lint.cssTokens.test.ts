// scripts/check-css-tokens.mjs, the lint step that keeps every colour in
// src-renderer/tokens.css: what it flags, what it lets through, and the app's
// own sheets as they are.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listSheets, rawColours } from '../../scripts/check-css-tokens.mjs';

describe('check-css-tokens', () => {
  it('flags hex colours, colour functions and var() fallbacks, with their lines', () => {
    const css = [
      '.a {',
      '  color: #52525b;',
      '  background: rgba(0, 0, 0, 0.2);',
      '  border: 1px solid var(--rule, #d9d6d0);',
      '  outline-color: hsl(10 50% 50%);',
      '}',
    ].join('\n');
    expect(rawColours(css)).toEqual([
      { line: 2, text: '#52525b' },
      { line: 3, text: 'rgba(' },
      { line: 4, text: '#d9d6d0' },
      { line: 4, text: 'var(--rule,' },
      { line: 5, text: 'hsl(' },
    ]);
  });

  it('lets tokens, comments and other values through', () => {
    const css =
      '/* was #fff7ed */\n.a { color: var(--ink); white-space: nowrap; width: calc(100% - 8px); }\n#root { display: grid; }';
    expect(rawColours(css)).toEqual([]);
  });

  it('finds no raw colour in the renderer sheets other than tokens.css', () => {
    const sheets = listSheets('src-renderer');
    expect(sheets.length, 'the app has its sheets').toBeGreaterThan(5);
    expect(sheets.some((sheet) => sheet.endsWith('tokens.css'))).toBe(false);
    const found = sheets.flatMap((sheet) =>
      rawColours(readFileSync(sheet, 'utf8')).map(({ line, text }) => `${sheet}:${line} ${text}`),
    );
    expect(found).toEqual([]);
  });
});
