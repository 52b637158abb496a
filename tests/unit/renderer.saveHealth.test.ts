// Item 8, the pieces between the autosave and the shells: a failing save is
// reported at once to saveHealth (the banner, the Publish dialog and the quit
// guard read it) and cleared when a retry gets through; a shell that is told
// 'unsaved' waits for the editor's answer instead of quitting after its flush
// timeout.
import { describe, expect, it } from 'vitest';
import { createAutosaveScheduler } from '../../src-renderer/autosave/autosaveScheduler';
import { currentSaveProblem, whenSaveFails } from '../../src-renderer/autosave/saveHealth';
import { flushRenderer } from '../../src-main/shells/flushRenderer';
import { ASK_BEFORE_QUIT_HOOK, QUIT_GUARD_HOOK } from '../../src-shared/ipc';

const settle = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('save health', () => {
  it('a failing save is reported at once with its message, and cleared by the retry that succeeds', async () => {
    let refuse = true;
    const pending: Array<() => void> = [];
    const timers = {
      now: () => 0,
      setTimeout: (callback: () => void) => {
        pending.push(callback);
        return pending.length;
      },
      clearTimeout: () => undefined,
    };
    const scheduler = createAutosaveScheduler({
      save: async () => {
        if (refuse) throw new Error('The disk is full. Free some space.');
      },
      onState: () => undefined,
      timers,
    });
    const failed = whenSaveFails();
    scheduler.markDirty();
    pending.shift()?.();
    await failed;
    expect(currentSaveProblem()?.message).toBe('The disk is full. Free some space.');
    refuse = false;
    pending.shift()?.(); // the retry
    await settle();
    expect(currentSaveProblem()).toBeNull();
    scheduler.dispose();
  });
});

/** Runs a shell script against a stand-in window, as page.evaluate would. */
function evaluateIn(fakeWindow: Record<string, unknown>) {
  return (script: string): Promise<unknown> =>
    Promise.resolve(new Function('window', `return ${script}`)(fakeWindow));
}

describe('flushRenderer', () => {
  const quiet = (): void => undefined;

  it('when a save fails, waits past its flush timeout for the editor to save to a file', async () => {
    const asked: string[] = [];
    const fakeWindow = {
      [QUIT_GUARD_HOOK]: async () => 'unsaved',
      [ASK_BEFORE_QUIT_HOOK]: () =>
        new Promise((resolve) => {
          asked.push('asked');
          // The editor answers after the 100 ms flush timeout has long passed.
          setTimeout(() => resolve('saved-to-file'), 300);
        }),
    };
    expect(await flushRenderer(evaluateIn(fakeWindow), 100, quiet, 5_000)).toBe('saved-to-file');
    expect(asked).toEqual(['asked']);
  });

  it('quits at once when everything is stored, and reports a discarded answer as such', async () => {
    expect(await flushRenderer(evaluateIn({ [QUIT_GUARD_HOOK]: async () => 'flushed' }), 100, quiet)).toBe(
      'flushed',
    );
    const discarding = {
      [QUIT_GUARD_HOOK]: async () => 'unsaved',
      [ASK_BEFORE_QUIT_HOOK]: async () => 'discarded',
    };
    expect(await flushRenderer(evaluateIn(discarding), 100, quiet)).toBe('discarded');
  });

  it('does not wait forever for an answer', async () => {
    const silent = {
      [QUIT_GUARD_HOOK]: async () => 'unsaved',
      [ASK_BEFORE_QUIT_HOOK]: () => new Promise(() => {}),
    };
    expect(await flushRenderer(evaluateIn(silent), 100, quiet, 200)).toBe('timed-out');
  });
});
