#!/usr/bin/env node
// Fails when a renderer style sheet names a colour itself (part of `npm run
// lint`). Every colour, shadow and font is a design token declared once in
// src-renderer/tokens.css; the other sheets use var(--…), with no raw colour
// as a var() fallback either (a fallback hides a token that does not exist).
// Stylelint would need a plugin and a config for this one rule; this is it.
//
//   node scripts/check-css-tokens.mjs [folder …]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TOKENS = 'tokens.css';
const RAW_COLOUR = /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(/gi;
const FALLBACK = /var\(\s*--[\w-]+\s*,/g;

/** Each raw colour or var() fallback in a sheet's text: its line and what was found. */
export function rawColours(text) {
  const found = [];
  const withoutComments = text.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
  withoutComments.split('\n').forEach((line, index) => {
    for (const match of line.matchAll(RAW_COLOUR)) found.push({ line: index + 1, text: match[0] });
    for (const match of line.matchAll(FALLBACK)) found.push({ line: index + 1, text: match[0] });
  });
  return found;
}

/** Every .css file under `folder` except tokens.css. */
export function listSheets(folder) {
  const sheets = [];
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) sheets.push(...listSheets(path));
    else if (name.endsWith('.css') && name !== TOKENS) sheets.push(path);
  }
  return sheets;
}

function main() {
  const folders = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['src-renderer'];
  const problems = folders
    .flatMap((folder) => listSheets(resolve(ROOT, folder)))
    .flatMap((sheet) =>
      rawColours(readFileSync(sheet, 'utf8')).map(
        ({ line, text }) =>
          `${relative(ROOT, sheet)}:${line}: "${text}" — use a token from src-renderer/${TOKENS}`,
      ),
    );
  if (problems.length === 0) {
    console.log(`No raw colours outside src-renderer/${TOKENS}.`);
    return;
  }
  console.error(problems.join('\n'));
  process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
