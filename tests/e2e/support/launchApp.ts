// Starts Copydesk for an end-to-end test in whichever shell this machine can
// run, so every spec is written once:
//   - Electron (its binary exists, e.g. the GitHub workflow): Playwright's _electron.launch.
//   - Browser shell (no Electron binary, e.g. here): `node out/main/browser-shell.js
//     --headless` as a separate process, then connectOverCDP. A separate process
//     means kill() really kills the process that holds the database.
// COPYDESK_E2E_SHELL=electron|browser forces one.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  _electron,
  chromium,
  test,
  type Browser,
  type ElectronApplication,
  type Page,
} from '@playwright/test';
import { electronBinaryPath } from '../../../scripts/electron-binary.mjs';
import { projectRoot } from '../../../scripts/build-if-stale.mjs';
import { ensureElectronSqlite } from '../../../scripts/electron-sqlite.mjs';

export type E2EShell = 'electron' | 'browser';

export interface LaunchOptions {
  /** Data folder to use; a new temporary folder when omitted. */
  dataDir?: string;
  /** Overrides COPYDESK_E2E_SHELL and the automatic choice. */
  shell?: E2EShell;
  /** Extra environment for the app process. */
  env?: Record<string, string>;
}

export interface LaunchedApp {
  /** The app's one window, already loaded. */
  page: Page;
  shell: E2EShell;
  dataDir: string;
  /** Process id of the process that holds the database. */
  pid: number;
  /** Everything the app printed so far (stdout and stderr). */
  output(): string;
  /** How many windows/pages the app has open now (popups must never survive). */
  windowCount(): number;
  /** Graceful stop, as a user or the OS would ask: flush, close the database, exit. Resolves to the exit code. */
  close(): Promise<number>;
  /** SIGKILL, no warning: a crash or power cut for the process holding the database. */
  kill(): Promise<void>;
  /** close(), then launch again on the same data folder and shell. */
  relaunch(): Promise<LaunchedApp>;
}

const EXIT_TIMEOUT_MS = 20_000;
const READY_TIMEOUT_MS = 30_000;
const READY_PREFIX = 'COPYDESK_READY ';

/** Which shell the e2e run uses and why. */
export function e2eShell(): { shell: E2EShell; reason: string } {
  const forced = process.env.COPYDESK_E2E_SHELL;
  if (forced === 'electron' || forced === 'browser')
    return { shell: forced, reason: `COPYDESK_E2E_SHELL=${forced}` };
  if (forced) throw new Error(`COPYDESK_E2E_SHELL must be "electron" or "browser", not "${forced}".`);
  return electronBinaryPath()
    ? { shell: 'electron', reason: "Electron's binary is installed" }
    : { shell: 'browser', reason: "Electron's binary is not installed" };
}

export async function launchApp(options: LaunchOptions = {}): Promise<LaunchedApp> {
  const shell = options.shell ?? e2eShell().shell;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'copydesk-e2e-'));
  try {
    test.info().annotations.push({ type: 'shell', description: shell });
  } catch {
    // Called outside a test (global setup, a script): nothing to annotate.
  }
  const env: NodeJS.ProcessEnv = { ...process.env, COPYDESK_EXTERNAL_LINKS: 'log', ...options.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const launched =
    shell === 'electron' ? await launchElectron(dataDir, env) : await launchBrowserShell(dataDir, env);
  const relaunch = async (): Promise<LaunchedApp> => {
    const code = await launched.close();
    if (code !== 0)
      throw new Error(`Copydesk exited with ${code} before the relaunch.\n${launched.output()}`);
    return launchApp({ ...options, dataDir, shell });
  };
  return { ...launched, shell, dataDir, relaunch };
}

type Launched = Omit<LaunchedApp, 'shell' | 'dataDir' | 'relaunch'>;

function collectOutput(child: ChildProcess): () => string {
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return () => text;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<number> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  if (child.signalCode !== null) return Promise.resolve(128);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Copydesk did not exit within ${timeoutMs} ms.`)),
      timeoutMs,
    );
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal ? 128 : 0));
    });
  });
}

async function stopGracefully(
  child: ChildProcess,
  output: () => string,
  askToClose?: () => Promise<void>,
): Promise<number> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode ?? 128;
  // Windows has no SIGTERM (kill() terminates at once); there the window is asked to close instead.
  if (askToClose && process.platform === 'win32') await askToClose();
  else child.kill('SIGTERM');
  try {
    return await waitForExit(child, EXIT_TIMEOUT_MS);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${output()}`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function launchBrowserShell(dataDir: string, env: NodeJS.ProcessEnv): Promise<Launched> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      join(projectRoot, 'out', 'main', 'browser-shell.js'),
      '--headless',
      '--data-dir',
      dataDir,
      '--remote-debugging-port',
      String(port),
    ],
    { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = collectOutput(child);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The browser shell did not report ready within ${READY_TIMEOUT_MS} ms.\n${output()}`));
    }, READY_TIMEOUT_MS);
    const onData = (): void => {
      if (output().includes(READY_PREFIX)) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The browser shell exited with ${code} before it was ready.\n${output()}`));
    });
  });
  const browser: Browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
  const context = browser.contexts()[0];
  const page = context?.pages()[0];
  if (!context || !page) throw new Error(`The browser shell has no window to drive.\n${output()}`);
  const closeOrphanedChromium = async (): Promise<void> => {
    // Chromium outlives a SIGKILLed launcher; end it through the CDP connection we hold.
    try {
      const session = await browser.newBrowserCDPSession();
      await session.send('Browser.close');
    } catch {
      // Already gone.
    }
    await browser.close().catch(() => undefined);
  };
  return {
    page,
    pid: child.pid ?? -1,
    output,
    windowCount: () => context.pages().length,
    close: async () => {
      const code = await stopGracefully(child, output);
      await browser.close().catch(() => undefined);
      return code;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await waitForExit(child, EXIT_TIMEOUT_MS).catch(() => undefined);
      await closeOrphanedChromium();
    },
  };
}

async function launchElectron(dataDir: string, env: NodeJS.ProcessEnv): Promise<Launched> {
  // Node keeps its own better-sqlite3 build (the specs read the database directly); Electron loads one built for it.
  const sqlite = ensureElectronSqlite({ quiet: true });
  if (!sqlite.path) throw new Error(`Cannot run the Electron shell: ${sqlite.reason}`);
  env.COPYDESK_SQLITE_BINDING = sqlite.path;
  const app: ElectronApplication = await _electron.launch({
    args: [
      join(projectRoot, 'out', 'main', 'index.js'),
      // Chromium's sandbox cannot start as root (containers); regular CI runners are not root.
      ...(process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--data-dir',
      dataDir,
    ],
    cwd: projectRoot,
    env: env as Record<string, string>,
    timeout: READY_TIMEOUT_MS,
  });
  const child = app.process();
  const output = collectOutput(child);
  const page = await app.firstWindow();
  await page.waitForLoadState('load');
  return {
    page,
    pid: child.pid ?? -1,
    output,
    windowCount: () => app.windows().length,
    close: () =>
      stopGracefully(child, output, async () => {
        await app
          .evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close())
          .catch(() => undefined);
      }),
    kill: async () => {
      child.kill('SIGKILL');
      await waitForExit(child, EXIT_TIMEOUT_MS).catch(() => undefined);
    },
  };
}
