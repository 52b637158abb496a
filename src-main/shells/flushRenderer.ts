// Both shells ask the renderer to write pending edits before they close.
// When a save is failing (disk full, read-only data folder) the renderer
// answers 'unsaved' instead of hanging, and the shell then waits while the
// renderer asks the editor to save the article to a file or quit without
// saving (src-renderer/autosave/QuitGuard.tsx) — never exiting silently.
import { ASK_BEFORE_QUIT_HOOK, FLUSH_HOOK, QUIT_GUARD_HOOK } from '../../src-shared/ipc';

/**
 * Script that runs the renderer's quit guard (or, in an older renderer, its
 * flush hook); resolves 'flushed' when the save is stored, 'unsaved' when a save fails.
 */
export const FLUSH_SCRIPT = `(async () => { const guard = window[${JSON.stringify(QUIT_GUARD_HOOK)}]; if (typeof guard === 'function') return await guard(); const flush = window[${JSON.stringify(FLUSH_HOOK)}]; if (typeof flush === 'function') { await flush(); return 'flushed'; } return 'no-hook'; })()`;

/** Script that asks the editor what to do with unsaved text; resolves to their decision. */
export const ASK_SCRIPT = `(async () => { const ask = window[${JSON.stringify(ASK_BEFORE_QUIT_HOOK)}]; return typeof ask === 'function' ? await ask() : 'no-hook'; })()`;

export type FlushOutcome =
  | 'flushed'
  | 'no-hook'
  | 'timed-out'
  | 'failed'
  /** A save failed; the editor saved the article to a file. */
  | 'saved-to-file'
  /** A save failed; the editor chose to quit without saving. */
  | 'discarded';

/** How long a shell waits for the editor's answer (the renderer writes a copy by itself after a minute). */
export const ASK_TIMEOUT_MS = 90_000;

/**
 * Runs FLUSH_SCRIPT through the shell's evaluate function and waits at most
 * `timeoutMs`: a hung renderer must not keep the app from quitting. When the
 * renderer reports a failing save, waits (at most `askTimeoutMs`) for the
 * editor's answer to ASK_SCRIPT.
 */
export async function flushRenderer(
  evaluate: (script: string) => Promise<unknown>,
  timeoutMs: number,
  log: (message: string) => void = (message) => console.error(message),
  askTimeoutMs: number = ASK_TIMEOUT_MS,
): Promise<FlushOutcome> {
  const first = await withTimeout(evaluate, FLUSH_SCRIPT, timeoutMs, log);
  if (first === 'timed-out') log(`Copydesk gave up waiting for pending saves after ${timeoutMs} ms.`);
  if (first !== 'unsaved') return first === 'flushed' ? 'flushed' : (first as FlushOutcome);
  log('Copydesk could not store the latest changes; asking the editor before quitting.');
  const answer = await withTimeout(evaluate, ASK_SCRIPT, askTimeoutMs, log);
  if (answer === 'saved-to-file' || answer === 'discarded' || answer === 'flushed') return answer;
  log(`Copydesk quit without an answer about unsaved changes (${answer}).`);
  return answer === 'timed-out' || answer === 'failed' ? answer : 'no-hook';
}

async function withTimeout(
  evaluate: (script: string) => Promise<unknown>,
  script: string,
  timeoutMs: number,
  log: (message: string) => void,
): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolveTimeout) => {
    timer = setTimeout(() => resolveTimeout('timed-out'), timeoutMs);
  });
  const run = evaluate(script).then(
    (result): string => (typeof result === 'string' ? result : 'no-hook'),
    (error: unknown): string => {
      log(
        `Copydesk could not flush pending saves: ${error instanceof Error ? error.message : String(error)}`,
      );
      return 'failed';
    },
  );
  try {
    return await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
