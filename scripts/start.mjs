// `npm start [-- options]`: builds when stale, then opens Copydesk in the
// Electron shell when Electron's binary is available, else in the browser
// shell, and says which and why. Options:
//   --shell electron|browser   choose the shell
//   --data-dir <folder>        keep all data there (default: the per-user app data folder)
//   --remote-debugging-port <n>  attach Playwright over CDP at http://127.0.0.1:<n>
//   --headless                 browser shell without a window (implies --shell browser)
// Runs until the app exits; SIGINT/SIGTERM are passed on so it can flush and exit 0.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildIfStale, projectRoot } from './build-if-stale.mjs';
import { electronBinaryPath, tryInstallElectronBinary } from './electron-binary.mjs';
import { ensureElectronSqlite } from './electron-sqlite.mjs';

function splitShellOption(argv) {
  const rest = [];
  let shell;
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index];
    if (arg === '--shell' || arg.startsWith('--shell=')) {
      shell = arg.includes('=') ? arg.slice('--shell='.length) : argv[++index];
      if (shell !== 'electron' && shell !== 'browser') {
        console.error(`--shell must be "electron" or "browser", not "${shell ?? ''}".`);
        process.exit(2);
      }
    } else {
      rest.push(arg);
    }
  }
  return { shell, rest };
}

function chooseShell(requested, args) {
  if (requested === 'browser') return { shell: 'browser', reason: 'asked for with --shell browser' };
  if (requested === undefined && args.includes('--headless')) {
    return { shell: 'browser', reason: '--headless runs the browser shell' };
  }
  let electron = electronBinaryPath();
  let how = 'its binary is installed';
  if (!electron) {
    console.log("Electron's binary is not installed; trying to download it once…");
    const attempt = tryInstallElectronBinary();
    electron = attempt.path;
    how = attempt.reason;
    if (!electron) {
      if (requested === 'electron') {
        console.error(
          `Cannot open the Electron shell: ${how}. Use --shell browser, or install Electron with internet access.`,
        );
        process.exit(1);
      }
      return { shell: 'browser', reason: `Electron is not available: ${how}` };
    }
  }
  return {
    shell: 'electron',
    electron,
    reason: requested === 'electron' ? 'asked for with --shell electron' : how,
  };
}

const { shell: requested, rest } = splitShellOption(process.argv.slice(2));
try {
  buildIfStale();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
// Linux without a display (a server, a container, CI): a window cannot open, so run headless
// and say where to attach.
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
if (noDisplay && !rest.includes('--headless')) {
  console.log('No display found (DISPLAY is not set): running headless.');
  rest.push('--headless');
  if (!rest.some((arg) => arg.startsWith('--remote-debugging-port')))
    rest.push('--remote-debugging-port', '9333');
}

let choice = chooseShell(requested, rest);
const env = { ...process.env };
if (choice.shell === 'electron') {
  const sqlite = ensureElectronSqlite();
  if (sqlite.path) {
    env.COPYDESK_SQLITE_BINDING = sqlite.path;
  } else if (requested === 'electron') {
    console.error(`Cannot open the Electron shell: ${sqlite.reason}. Use --shell browser.`);
    process.exit(1);
  } else {
    choice = { shell: 'browser', reason: `Electron's SQLite module is not available: ${sqlite.reason}` };
  }
}
console.log(`Opening Copydesk in the ${choice.shell} shell (${choice.reason}).`);

delete env.ELECTRON_RUN_AS_NODE;
const [command, args] =
  choice.shell === 'electron'
    ? [
        choice.electron,
        [
          join(projectRoot, 'out', 'main', 'index.js'),
          // Chromium refuses to start its sandbox as root (containers); the page stays context-isolated.
          ...(process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : []),
          ...rest.filter((arg) => arg !== '--headless'),
        ],
      ]
    : [process.execPath, [join(projectRoot, 'out', 'main', 'browser-shell.js'), ...rest]];
const child = spawn(command, args, { stdio: 'inherit', env, cwd: projectRoot });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}
child.on('error', (error) => {
  console.error(`Could not start the ${choice.shell} shell: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
