// Whether Electron's binary is present. The electron npm package downloads it
// in its install script; offline machines (and ELECTRON_SKIP_BINARY_DOWNLOAD=1)
// have the package without the binary.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function electronPackageDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** Absolute path of the Electron executable, or null when it is not installed. */
export function electronBinaryPath() {
  const dir = electronPackageDir();
  if (!dir) return null;
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

/**
 * Runs electron's own install script once (it downloads the binary). Returns
 * the binary path, or null with the reason when it could not (no internet).
 */
export function tryInstallElectronBinary(timeoutMs = 300_000) {
  const dir = electronPackageDir();
  if (!dir) return { path: null, reason: 'the electron package is not installed' };
  const result = spawnSync(process.execPath, [join(dir, 'install.js')], {
    cwd: dir,
    encoding: 'utf8',
    timeout: timeoutMs,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
  });
  const path = electronBinaryPath();
  if (path) return { path, reason: 'downloaded it just now' };
  const lines = `${result.stderr ?? ''}${result.stdout ?? ''}`.split('\n').map((line) => line.trim());
  const firstError =
    lines.find((line) => /error/i.test(line) && !line.startsWith('at ')) ?? lines.find(Boolean);
  const why = result.error ? result.error.message : (firstError ?? `exit ${result.status}`);
  return { path: null, reason: `its download failed (${why.slice(0, 200)})` };
}
