// Both shells ask the renderer to write pending edits before they close.
import { FLUSH_HOOK } from '../../src-shared/ipc';

/** Script that runs the renderer's flush hook if it defined one; resolves when the save is stored. */
export const FLUSH_SCRIPT = `(async () => { const flush = window[${JSON.stringify(FLUSH_HOOK)}]; if (typeof flush === 'function') { await flush(); return 'flushed'; } return 'no-hook'; })()`;

export type FlushOutcome = 'flushed' | 'no-hook' | 'timed-out' | 'failed';

/**
 * Runs FLUSH_SCRIPT through the shell's evaluate function and waits at most
 * `timeoutMs`: a hung renderer must not keep the app from quitting.
 */
export async function flushRenderer(
  evaluate: (script: string) => Promise<unknown>,
  timeoutMs: number,
  log: (message: string) => void = (message) => console.error(message),
): Promise<FlushOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<FlushOutcome>((resolveTimeout) => {
    timer = setTimeout(() => resolveTimeout('timed-out'), timeoutMs);
  });
  const run = evaluate(FLUSH_SCRIPT).then(
    (result): FlushOutcome => (result === 'flushed' ? 'flushed' : 'no-hook'),
    (error: unknown): FlushOutcome => {
      log(
        `Copydesk could not flush pending saves: ${error instanceof Error ? error.message : String(error)}`,
      );
      return 'failed';
    },
  );
  try {
    const outcome = await Promise.race([run, timeout]);
    if (outcome === 'timed-out') log(`Copydesk gave up waiting for pending saves after ${timeoutMs} ms.`);
    return outcome;
  } finally {
    clearTimeout(timer);
  }
}
