// Starts tests/support/storeChild.ts in a real child process and watches what it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { ChildCommand } from './storeChild';

const root = join(import.meta.dirname, '..', '..');

export interface StoreProcess {
  child: ChildProcess;
  /** Every line printed so far (stdout), and stderr joined. */
  lines(): string[];
  stderr(): string;
  /** Resolves when a printed line satisfies `match`; rejects when the process exits first or after `timeoutMs`. */
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code, or the signal name. */
  exited(): Promise<number | string>;
  kill(): Promise<void>;
}

/** The child's command line; `wrap` runs it under another program (strace). */
export function startStoreProcess(command: ChildCommand, wrap: string[] = []): StoreProcess {
  const args = [
    '--import',
    'jiti/register',
    join(root, 'tests', 'support', 'storeChild.ts'),
    JSON.stringify(command),
  ];
  const [program, ...rest] =
    wrap.length > 0 ? [...wrap, process.execPath, ...args] : [process.execPath, ...args];
  const child = spawn(program!, rest, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let pending = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts);
    listeners.forEach((listener) => listener());
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code ?? -1)),
  );
  return {
    child,
    lines: () => [...lines],
    stderr: () => stderr,
    waitForLine(match, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = lines.find(match);
          if (found === undefined) return false;
          cleanup();
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(`No matching line within ${timeoutMs} ms. Printed:\n${lines.join('\n')}\n${stderr}`),
          );
        }, timeoutMs);
        const cleanup = (): void => {
          clearTimeout(timer);
          listeners.delete(listener);
        };
        const listener = (): void => void check();
        listeners.add(listener);
        void exit.then(() => {
          if (!check()) {
            cleanup();
            reject(new Error(`The child exited first. Printed:\n${lines.join('\n')}\n${stderr}`));
          }
        });
        check();
      });
    },
    exited: () => exit,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exit;
    },
  };
}
