// Layers (docs/architecture.md): the folder names the runtime, and these
// rules fail an import that crosses a line.
//   src-shared     pure TypeScript: no Node, no DOM-only libraries, no Electron
//   src-main/services  plain Node: never `electron`
//   src-renderer   DOM: never Node built-ins, never `electron`, never better-sqlite3
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import lexical from '@lexical/eslint-plugin';
import globals from 'globals';

const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'module',
  'net',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'string_decoder',
  'timers',
  'tls',
  'url',
  'util',
  'v8',
  'vm',
  'worker_threads',
  'zlib',
];
const nodePatterns = ['node:*', ...nodeBuiltins];
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  {
    ignores: [
      '.scratch/**',
      'out/**',
      'node_modules/**',
      'dist/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: restrict(
      [...nodePatterns, 'electron', 'better-sqlite3', 'react', 'react-dom', 'lexical', '@lexical/*'],
      'src-shared is pure TypeScript used by every runtime: no Node, Electron, React or Lexical imports.',
    ),
  },
  {
    files: ['src-main/services/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: restrict(
      [
        'electron',
        'electron/*',
        'playwright-core',
        'playwright-core/*',
        '**/src-renderer/**',
        'react',
        'lexical',
      ],
      'Services are plain Node and take their dependencies as arguments: no electron, no shell, no UI imports.',
    ),
  },
  {
    files: ['src-main/**/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src-main/shells/**/*.ts'],
    rules: restrict(
      ['electron', 'electron/*', '**/src-renderer/**'],
      'The browser shell must run where Electron is absent: never import electron.',
    ),
  },
  {
    files: ['src-main/preload/**/*.ts'],
    rules: restrict(
      [...nodePatterns.filter((p) => p !== 'events'), '**/services/**', 'better-sqlite3'],
      'The sandboxed preload only bridges IPC: no Node modules, no services.',
    ),
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks, '@lexical': lexical },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@lexical/rules-of-lexical': 'error',
      ...restrict(
        [...nodePatterns, 'electron', 'electron/*', 'better-sqlite3', '**/src-main/**', 'playwright-core'],
        'The renderer runs in a sandboxed page: no Node, no Electron, no services; talk to them through window.copydesk.',
      ),
    },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.{ts,mjs}', 'scripts/**/*.{mjs,ts}', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
