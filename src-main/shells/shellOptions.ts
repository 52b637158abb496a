// Command-line options both shells share (`npm start -- <options>` passes
// them through). Plain Node: the browser shell imports this where Electron
// is absent.
import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';
import { parseArgs } from 'node:util';

export const PRODUCT_NAME = 'Copydesk';

export interface ShellOptions {
  /** Folder holding the database, backups and media; undefined means the OS default. */
  dataDir?: string;
  /** Port for Chrome DevTools Protocol on 127.0.0.1, so Playwright can attach; 0 means any free port. */
  remoteDebuggingPort?: number;
  /** Browser shell only: run Chromium without a window. */
  headless: boolean;
}

export interface ParsedShellArgs {
  options: ShellOptions;
  /** Arguments that are not Copydesk options (Electron and Chromium add their own). */
  unknown: string[];
}

export class ShellUsageError extends Error {
  override name = 'ShellUsageError';
}

export const SHELL_USAGE = [
  'Options:',
  '  --data-dir <folder>              keep all data in this folder (default: the per-user app data folder)',
  '  --remote-debugging-port <n>      let Playwright attach over CDP at http://127.0.0.1:<n>',
  '  --headless                       browser shell only: run without a window',
].join('\n');

/**
 * Reads `--data-dir <folder>`, `--remote-debugging-port <n>` (also in the
 * `--name=value` form) and `--headless` with Node's util.parseArgs. Anything
 * else is returned in `unknown`, as it was written, so each shell can decide
 * whether it is an error.
 */
export function parseShellArgs(argv: readonly string[]): ParsedShellArgs {
  const options: ShellOptions = { headless: false };
  const unknown: string[] = [];
  const { tokens } = parseArgs({
    args: [...argv],
    options: {
      'data-dir': { type: 'string' },
      'remote-debugging-port': { type: 'string' },
      headless: { type: 'boolean' },
    },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind === 'positional') {
      unknown.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') {
      unknown.push('--');
      continue;
    }
    // Not strict, parseArgs takes the next argument as the value even when it is another option.
    const value =
      typeof token.value === 'string' && (token.inlineValue || !token.value.startsWith('--'))
        ? token.value
        : undefined;
    switch (token.name) {
      case 'data-dir': {
        const folder = requireValue(token.rawName, value).trim();
        if (folder === '')
          throw new ShellUsageError('The option --data-dir needs a folder, and it was empty.');
        options.dataDir = folder;
        break;
      }
      case 'remote-debugging-port':
        options.remoteDebuggingPort = parsePort(requireValue(token.rawName, value));
        break;
      case 'headless':
        options.headless = true;
        break;
      default:
        unknown.push(token.inlineValue ? `${token.rawName}=${value ?? ''}` : token.rawName);
    }
  }
  return { options, unknown };
}

function requireValue(name: string, value: string | undefined): string {
  if (value === undefined) throw new ShellUsageError(`The option ${name} needs a value.\n${SHELL_USAGE}`);
  return value;
}

function parsePort(value: string): number {
  const port = Number(value);
  // 0 asks Chromium for any free port (Playwright's Electron launcher passes it).
  if (!/^\d+$/.test(value) || !Number.isInteger(port) || port > 65535) {
    throw new ShellUsageError(
      `--remote-debugging-port must be a whole number from 0 to 65535, and "${value}" is not one.`,
    );
  }
  return port;
}

/**
 * The browser shell's command line as options; a ShellUsageError (exit 2)
 * for an unknown option or a --remote-debugging-port of 0, which the shell
 * could not print as a place to attach.
 */
export function browserShellOptions(argv: readonly string[]): ShellOptions {
  const parsed = parseShellArgs(argv);
  if (parsed.unknown.length > 0) {
    throw new ShellUsageError(`Unknown option ${parsed.unknown.join(' ')}.\n${SHELL_USAGE}`);
  }
  if (parsed.options.remoteDebuggingPort === 0) {
    throw new ShellUsageError(
      'The browser shell needs a fixed --remote-debugging-port (1 to 65535) to print where to attach.',
    );
  }
  return parsed.options;
}

/**
 * The per-user folder Electron calls `userData` for an app whose productName
 * is Copydesk, computed without Electron so both shells share one folder.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    return win32.join(env.APPDATA ?? win32.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  }
  const join = posix.join;
  if (platform === 'darwin') {
    return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  }
  const configHome =
    env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : undefined;
  return join(configHome ?? join(home, '.config'), PRODUCT_NAME);
}
