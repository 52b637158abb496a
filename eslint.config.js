// Layers (docs/architecture.md): the folder names the runtime, and these
// rules fail an import that crosses a line.
//   src-shared     pure TypeScript: no Node, no DOM-only libraries, no Electron, nothing outside src-shared
//   src-main/services  plain Node: never `electron`, never a shell, the host or the worker
//   src-main/host, src-main/worker  plain Node shared by both shells: never `electron`
// Import cycles are checked by scripts/check-cycles.mjs (part of `npm run lint`);
// promises that nobody awaits or that land where a callback is expected are type-aware errors.
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
      [
        ...nodePatterns,
        'electron',
        'better-sqlite3',
        'react',
        'react-dom',
        'lexical',
        '@lexical/*',
        '**/src-main/**',
        '**/src-renderer/**',
      ],
      'src-shared is pure TypeScript used by every runtime: no Node, Electron, React or Lexical imports, and nothing outside src-shared.',
    ),
  },
  // Relative paths that climb out of src-shared, at each depth.
  ...[
    ['src-shared/*.ts', '../*'],
    ['src-shared/*/*.ts', '../../*'],
    ['src-shared/*/*/*.ts', '../../../*'],
  ].map(([files, escape]) => ({
    files: [files],
    rules: restrict(
      [...nodePatterns, 'electron', 'better-sqlite3', 'react', 'react-dom', 'lexical', '@lexical/*', escape],
      'src-shared is pure TypeScript used by every runtime: it imports nothing outside src-shared.',
    ),
  })),
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
        '**/shells/**',
        '**/host/**',
        '**/worker/**',
        '**/electron/**',
        '**/electronMain',
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
    files: ['src-main/host/**/*.ts', 'src-main/worker/**/*.ts'],
    rules: restrict(
      [
        'electron',
        'electron/*',
        'playwright-core',
        'playwright-core/*',
        '**/src-renderer/**',
        '**/electron/**',
      ],
      'The host and the services worker are shared by both shells: no electron, no playwright, no UI.',
    ),
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
    // Type-aware: a promise nobody awaits, or one passed where a plain callback is expected, is a bug.
    files: ['src-shared/**/*.ts', 'src-main/**/*.ts', 'src-renderer/**/*.{ts,tsx}', 'tests/**/*.ts'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json', './tsconfig.tests.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.{ts,mjs}', 'scripts/**/*.{mjs,ts}', '*.config.{ts,js}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
