// What happens when Copydesk is asked to quit while saves fail. The shells
// call QUIT_GUARD_HOOK first (src-main/shells/flushRenderer.ts): it resolves
// 'flushed' once everything is stored, or 'unsaved' as soon as a save fails.
// On 'unsaved' they call ASK_BEFORE_QUIT_HOOK and wait: this dialog asks the
// editor to save the article to a file or quit without saving. Saves keep
// being retried meanwhile; if one gets through, Copydesk quits normally. If
// nobody answers within AUTO_COPY_AFTER_MS, a copy is written anyway.
import { useEffect, useRef, useState } from 'react';
import {
  ASK_BEFORE_QUIT_HOOK,
  FLUSH_HOOK,
  QUIT_GUARD_HOOK,
  type QuitDecision,
  type QuitGuardResult,
} from '../../src-shared/ipc/bridgeNames';
import { flushAllSessions } from './draftSession';
import { whenSaveFails } from './saveHealth';
import { useSaveProblem } from './StorageBanner';
import { saveUnsavedCopies } from './unsavedCopies';

export const AUTO_COPY_AFTER_MS = 60_000;

async function beforeQuit(): Promise<QuitGuardResult> {
  // The flush hook the shells have always called (draftSession.ts installs it), then stored = 'flushed'.
  const hook = (window as unknown as Record<string, unknown>)[FLUSH_HOOK];
  const flush = typeof hook === 'function' ? (hook as () => Promise<void>) : flushAllSessions;
  return Promise.race([
    flush().then(() => 'flushed' as const),
    whenSaveFails().then(() => 'unsaved' as const),
  ]);
}

export function QuitGuard(): React.JSX.Element | null {
  const [asking, setAsking] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const decide = useRef<((decision: QuitDecision) => void) | null>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const problem = useSaveProblem();

  useEffect(() => {
    const hooks = window as unknown as Record<string, unknown>;
    hooks[QUIT_GUARD_HOOK] = beforeQuit;
    hooks[ASK_BEFORE_QUIT_HOOK] = () =>
      new Promise<QuitDecision>((resolve) => {
        decide.current = (decision) => {
          decide.current = null;
          resolve(decision);
        };
        setAsking(true);
        // A retry that gets through settles the question.
        void flushAllSessions().then(() => decide.current?.('flushed'));
      });
    return () => {
      delete hooks[QUIT_GUARD_HOOK];
      delete hooks[ASK_BEFORE_QUIT_HOOK];
    };
  }, []);

  const saveToFile = async (): Promise<void> => {
    setBusy(true);
    setStatus('Saving to a file…');
    const outcome = await saveUnsavedCopies();
    setBusy(false);
    if (outcome.problem) {
      setStatus(outcome.problem);
      return;
    }
    setStatus(
      outcome.paths.length > 0
        ? `Saved to ${outcome.paths.join(' and ')}. Copydesk is closing.`
        : 'Everything is stored. Copydesk is closing.',
    );
    // Long enough to read where the file went.
    window.setTimeout(() => decide.current?.('saved-to-file'), 1_500);
  };

  useEffect(() => {
    if (!asking) return;
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.querySelector<HTMLButtonElement>('button')?.focus();
    const timer = window.setTimeout(() => void saveToFile(), AUTO_COPY_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [asking]);

  if (!asking) return null;
  return (
    <dialog
      ref={dialogRef}
      className="modal quit-guard"
      aria-modal="true"
      aria-labelledby="quit-guard-title"
      onCancel={(event) => event.preventDefault()}
    >
      <header className="modal-header">
        <h2 id="quit-guard-title">Unsaved changes</h2>
      </header>
      <div className="modal-body">
        <p>
          Copydesk is quitting, but your latest changes are not saved.{problem ? ` ${problem.message}` : ''}
        </p>
        <p>Your text is still on screen. Save the article to a file before Copydesk closes?</p>
        {status && <p role="status">{status}</p>}
        <div className="modal-actions">
          <button type="button" className="primary" disabled={busy} onClick={() => void saveToFile()}>
            Save to file and quit
          </button>
          <button type="button" disabled={busy} onClick={() => decide.current?.('discarded')}>
            Quit without saving
          </button>
        </div>
      </div>
    </dialog>
  );
}
