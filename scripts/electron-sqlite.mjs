// better-sqlite3 is a native module: `npm install` builds it for Node (tests,
// the browser shell), and Electron needs a copy built for its own ABI. This
// keeps that copy apart, under node_modules/.cache, so both can be used from
// one checkout: the Electron shell loads it through better-sqlite3's
// `nativeBinding` option (COPYDESK_SQLITE_BINDING). Packaged apps do not use
// this: electron-builder rebuilds better-sqlite3 for Electron when packaging.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Path of a better_sqlite3.node built for the installed Electron, preparing it
 * once (prebuilt download, else a local compile). { path: null, reason } when
 * it cannot be had (no internet, no compiler).
 */
export function ensureElectronSqlite({ quiet = false } = {}) {
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
  const projectModules = dirname(dirname(sqliteDir));
  const cacheDir = join(
    projectModules,
    'node_modules',
    '.cache',
    'copydesk',
    `better-sqlite3-electron-${electronVersion}-${process.platform}-${process.arch}`,
  );
  const target = join(cacheDir, 'better_sqlite3.node');
  if (existsSync(target)) return { path: target, reason: 'already prepared' };

  const work = mkdtempSync(join(tmpdir(), 'copydesk-electron-sqlite-'));
  try {
    cpSync(sqliteDir, work, {
      recursive: true,
      filter: (src) => !src.includes(`${join(sqliteDir, 'build')}`),
    });
    const log = quiet ? 'pipe' : 'inherit';
    const bin = (name) =>
      join(projectModules, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
    const attempts = [
      [
        bin('prebuild-install'),
        ['--runtime', 'electron', '--target', electronVersion, '--arch', process.arch],
      ],
      [
        bin('node-gyp'),
        [
          'rebuild',
          '--release',
          '--runtime=electron',
          `--target=${electronVersion}`,
          '--dist-url=https://electronjs.org/headers',
        ],
      ],
    ];
    const failures = [];
    for (const [command, args] of attempts) {
      const result = spawnSync(command, args, {
        cwd: work,
        stdio: log,
        shell: process.platform === 'win32',
        timeout: 600_000,
      });
      const built = join(work, 'build', 'Release', 'better_sqlite3.node');
      if (result.status === 0 && existsSync(built)) {
        mkdirSync(cacheDir, { recursive: true });
        copyFileSync(built, target);
        return { path: target, reason: `prepared for Electron ${electronVersion}` };
      }
      failures.push(`${command.split(/[\\/]/).pop()} exited ${result.status ?? result.error?.message}`);
    }
    return {
      path: null,
      reason: `could not build better-sqlite3 for Electron ${electronVersion} (${failures.join('; ')})`,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split(/[\\/]/).pop())) {
  const result = ensureElectronSqlite();
  console.log(result.path ? `Electron's SQLite binding: ${result.path}` : result.reason);
  process.exit(result.path ? 0 : 1);
}
