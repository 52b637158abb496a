// Test side of the electron stand-in: builds the app if stale, copies the
// built output into a temporary app folder (so a spec may plant files such
// as symlinks beside the renderer without touching out/), and runs the main
// entry that package.json names in a child Node process with `electron`
// resolved to electron.mjs. The child's journal and control channel are
// exposed as RunningMain.
import { fork, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildIfStale, projectRoot } from '../../../scripts/build-if-stale.mjs';
import type { StandinConfig, JournalEntry } from './standinTypes';

export type { StandinConfig, JournalEntry } from './standinTypes';

const here = fileURLToPath(new URL('.', import.meta.url));
export const REGISTER_MODULE = join(here, 'register.mjs');

/** Builds with electron-vite when out/ is stale; one build at a time across Vitest's workers. */
export function ensureBuilt(): void {
  const lock = join(projectRoot, 'node_modules', '.cache', 'copydesk', 'standin-build.lock');
  mkdirSync(join(lock, '..'), { recursive: true });
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than five minutes belongs to a run that died.
      if (Date.now() - statSync(lock).mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for the build lock ${lock}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    buildIfStale({ quiet: true });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface AppCopy {
  /** The temporary app folder (package.json, node_modules link, out/). */
  root: string;
  /** The main entry package.json names, inside root. */
  mainEntry: string;
  /** The built renderer folder inside root. */
  rendererDir: string;
  dispose(): void;
}

/** A private copy of the built app; node_modules is linked, not copied. */
export function copyBuiltApp(): AppCopy {
  ensureBuilt();
  // Node runs the main entry from its real path (macOS: /private/var/…), so the copy is named by its real path too.
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'copydesk-standin-app-')));
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { main: string };
  writeFileSync(join(root, 'package.json'), readFileSync(join(projectRoot, 'package.json')));
  cpSync(join(projectRoot, 'out'), join(root, 'out'), { recursive: true });
  symlinkSync(
    join(projectRoot, 'node_modules'),
    join(root, 'node_modules'),
    process.platform === 'win32' ? 'junction' : 'dir',
  );
  return {
    root,
    mainEntry: join(root, pkg.main),
    rendererDir: join(root, 'out', 'renderer'),
    dispose: () => rmSync(root, { recursive: true, force: true }),
  };
}

export interface LaunchOptions {
  dataDir: string;
  config?: StandinConfig;
  /** Extra command-line arguments after --data-dir. */
  args?: string[];
  env?: NodeJS.ProcessEnv;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Date.now() when the process ended. */
  at: number;
}

/** A message the main process sent to a page. */
export interface PushMessage {
  webContentsId: number;
  channel: string;
  args: unknown[];
}

interface Reply {
  __standinReply: number;
  ok: boolean;
  value?: unknown;
  message?: string;
}

export class RunningMain {
  readonly child: ChildProcess;
  readonly journalPath: string;
  private readonly runDir: string;
  stdout = '';
  stderr = '';
  readonly exited: Promise<Exit>;
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: Reply) => void>();
  private exitInfo: Exit | null = null;
  private readonly pushListeners = new Set<(push: PushMessage) => void>();

  constructor(app: AppCopy, options: LaunchOptions) {
    const runDir = mkdtempSync(join(tmpdir(), 'copydesk-standin-run-'));
    this.runDir = runDir;
    this.journalPath = join(runDir, 'journal.jsonl');
    writeFileSync(this.journalPath, '');
    this.child = fork(app.mainEntry, ['--data-dir', options.dataDir, ...(options.args ?? [])], {
      cwd: app.root,
      execArgv: ['--import', pathToFileURL(REGISTER_MODULE).href],
      env: {
        ...process.env,
        ...options.env,
        COPYDESK_STANDIN_JOURNAL: this.journalPath,
        COPYDESK_STANDIN_CONFIG: JSON.stringify(options.config ?? {}),
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    this.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (this.stdout += chunk));
    this.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.child.on('message', (message: Reply & Partial<PushMessage> & { __standinPush?: true }) => {
      if (message && message.__standinPush === true) {
        const push = message as PushMessage;
        for (const listener of this.pushListeners) listener(push);
        return;
      }
      if (message && typeof message.__standinReply === 'number') {
        this.waiting.get(message.__standinReply)?.(message);
        this.waiting.delete(message.__standinReply);
      }
    });
    this.exited = new Promise((resolveExit) => {
      this.child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal, at: Date.now() };
        for (const [id, answer] of this.waiting) {
          answer({ __standinReply: id, ok: false, message: `the main process ended (${code ?? signal})` });
        }
        this.waiting.clear();
        resolveExit(this.exitInfo);
      });
    });
  }

  /** Messages the main process sends to a page (webContents.send / postMessage); returns an unsubscribe. */
  onPush(listener: (push: PushMessage) => void): () => void {
    this.pushListeners.add(listener);
    return () => this.pushListeners.delete(listener);
  }

  get hasExited(): boolean {
    return this.exitInfo !== null;
  }

  journal(): JournalEntry[] {
    if (!existsSync(this.journalPath)) return [];
    return readFileSync(this.journalPath, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as JournalEntry);
  }

  entries(kind: string): JournalEntry[] {
    return this.journal().filter((entry) => entry.kind === kind);
  }

  /** Resolves with the first journal entry matching; rejects if the process ends or time runs out. */
  async waitFor(
    match: string | ((entry: JournalEntry) => boolean),
    timeoutMs = 20_000,
  ): Promise<JournalEntry> {
    const test = typeof match === 'string' ? (entry: JournalEntry) => entry.kind === match : match;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.journal().find(test);
      if (found) return found;
      if (this.hasExited) {
        throw new Error(
          `The main process ended (${this.describeExit()}) before ${String(match)}.\n${this.output()}`,
        );
      }
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${String(match)}.\n${this.output()}`);
      await new Promise((resolveTick) => setTimeout(resolveTick, 25));
    }
  }

  /** Runs a control operation inside the stand-in (see `operations` in electron.mjs). */
  op<T = unknown>(name: string, args: Record<string, unknown> = {}): Promise<T> {
    if (this.hasExited)
      return Promise.reject(new Error(`The main process has ended (${this.describeExit()}).`));
    const id = this.nextId++;
    return new Promise<T>((resolveOp, rejectOp) => {
      this.waiting.set(id, (reply) =>
        reply.ok ? resolveOp(reply.value as T) : rejectOp(new Error(`${name}: ${reply.message}`)),
      );
      this.child.send({ __standinOp: name, id, args });
    });
  }

  /** The app's window has loaded its page (the main process asked for a URL in its first window). */
  async windowLoaded(): Promise<{ windowId: number; webContentsId: number; url: string }> {
    const created = await this.waitFor('BrowserWindow.new');
    const loaded = await this.waitFor(
      (entry) => entry.kind === 'webContents.loadURL' && entry.webContentsId === created.webContentsId,
    );
    return {
      windowId: created.windowId as number,
      webContentsId: created.webContentsId as number,
      url: loaded.url as string,
    };
  }

  output(): string {
    return `--- stdout\n${this.stdout}\n--- stderr\n${this.stderr}`;
  }

  private describeExit(): string {
    return this.exitInfo ? `code ${this.exitInfo.code}, signal ${this.exitInfo.signal}` : 'running';
  }

  /** Ends the process if it still runs (SIGKILL: no shutdown path is exercised) and removes its journal. */
  async stop(): Promise<void> {
    if (!this.hasExited) this.child.kill('SIGKILL');
    await this.exited;
    rmSync(this.runDir, { recursive: true, force: true });
  }
}

export function launchMain(app: AppCopy, options: LaunchOptions): RunningMain {
  return new RunningMain(app, options);
}
