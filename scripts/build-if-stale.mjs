// Builds with electron-vite when out/ is missing or older than any source it
// is built from. Used by `npm start`, `npm run test:e2e` (Playwright global
// setup) and `npm run bench`. Usage: node scripts/build-if-stale.mjs [--quiet]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

const SOURCES = [
  'src-main',
  'src-renderer',
  'src-shared',
  'electron.vite.config.ts',
  'package.json',
  'tsconfig.base.json',
];
const OUTPUTS = [
  'out/main/index.js',
  'out/main/browser-shell.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Why a build is needed, or null when out/ is current. */
export function staleReason(root = projectRoot) {
  const missing = OUTPUTS.filter((output) => !existsSync(join(root, output)));
  if (missing.length > 0) return `${missing.join(', ')} missing`;
  const oldestOutput = Math.min(...OUTPUTS.map((output) => statSync(join(root, output)).mtimeMs));
  const newer = SOURCES.filter((source) => newestMtime(join(root, source)) > oldestOutput);
  return newer.length > 0 ? `${newer.join(', ')} changed since the last build` : null;
}

/** Runs `electron-vite build` if needed; throws with the build's output when it fails. */
export function buildIfStale({ root = projectRoot, quiet = false } = {}) {
  const reason = staleReason(root);
  if (reason === null) {
    if (!quiet) console.log('Build is up to date (out/).');
    return false;
  }
  console.log(`Building Copydesk (${reason})…`);
  const require = createRequire(join(root, 'package.json'));
  const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(
      `electron-vite build failed (exit ${result.status ?? result.signal}). See the output above.`,
    );
  }
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    buildIfStale({ quiet: process.argv.includes('--quiet') });
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
