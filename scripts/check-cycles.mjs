#!/usr/bin/env node
// Fails when the app's TypeScript has an import cycle (part of `npm run lint`).
// No installed ESLint rule checks cycles, so this walks the import graph of
// src-shared, src-main and src-renderer itself: static `import … from`,
// `export … from` and `import('…')` of relative paths, resolved to .ts/.tsx
// files. Type-only imports (`import type`, `export type`) are left out: they
// vanish at build time and cannot make a module see another half-initialised.
//
//   node scripts/check-cycles.mjs [folder …]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const folders =
  process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['src-shared', 'src-main', 'src-renderer'];

function listSources(folder) {
  const found = [];
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) found.push(...listSources(path));
    else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

const IMPORT =
  /(?:^|[\s;])(import|export)\s+(type\s+)?(?:[\w*${}\s,]+?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Relative runtime imports of one file, resolved to files. */
export function importsOf(file, text = readFileSync(file, 'utf8')) {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const targets = [];
  for (const match of code.matchAll(IMPORT)) {
    const typeOnly = Boolean(match[2]);
    const specifier = match[3] ?? match[4];
    if (typeOnly || !specifier || !specifier.startsWith('.')) continue;
    const resolved = resolveImport(dirname(file), specifier);
    if (resolved) targets.push(resolved);
  }
  return targets;
}

function resolveImport(from, specifier) {
  const base = resolve(from, specifier);
  for (const candidate of [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    join(base, 'index.ts'),
    join(base, 'index.tsx'),
  ]) {
    if (existsSync(candidate) && statSync(candidate).isFile() && /\.(ts|tsx)$/.test(candidate))
      return candidate;
  }
  return null;
}

/** Strongly connected components with more than one file (or a file importing itself): Tarjan. */
export function findCycles(graph) {
  let index = 0;
  const indices = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  const connect = (node) => {
    indices.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node), indices.get(next)));
      }
    }
    if (low.get(node) === indices.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.reverse());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) connect(node);
  return cycles;
}

function main() {
  const graph = new Map();
  for (const folder of folders) {
    for (const file of listSources(resolve(ROOT, folder))) graph.set(file, importsOf(file));
  }
  const cycles = findCycles(graph);
  if (cycles.length === 0) {
    console.log(`No import cycles among ${graph.size} files.`);
    return;
  }
  console.error(`Import cycles (${cycles.length}): each group below imports itself round in a circle.`);
  for (const cycle of cycles)
    console.error(`  - ${cycle.map((file) => relative(ROOT, file)).join('\n    ')}`);
  process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
