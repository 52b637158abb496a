// Dialog "History": every recorded version of the open draft, newest first,
// with time, reason, words and size. Choosing one shows its diff against the
// current article (unsaved edits included); "Restore this version" records
// the current text first, so a restore can itself be restored back.
import { useEffect, useMemo, useState } from 'react';
import type { ArticleMeta } from '../../src-shared/article';
import type { ChannelOutput, HistoryEntry } from '../../src-shared/ipc';
import { call } from '../api';
import type { DraftSession } from '../autosave/draftSession';
import { ModalDialog } from '../publish/ModalDialog';
import { diffArticles } from './articleDiff';
import { DiffView } from './DiffView';
import { formatSize, formatWhen } from './historyFormat';

interface HistoryDialogProps {
  draftId: string;
  session: DraftSession;
  /** The body as stored when the pane opened, for a session whose editor never attached. */
  fallbackBody: string;
  onClose(): void;
  onRestored(draft: ChannelOutput<'history:restore'>): void;
}

type Version = ChannelOutput<'history:get'>;

export function HistoryDialog({
  draftId,
  session,
  fallbackBody,
  onClose,
  onRestored,
}: HistoryDialogProps): React.JSX.Element {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [version, setVersion] = useState<Version | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [restoring, setRestoring] = useState(false);
  // The current article as it is on screen when the dialog opened.
  const [current] = useState<{ meta: ArticleMeta; body: string }>(() => ({
    meta: session.getMeta(),
    body: session.currentBody() ?? fallbackBody,
  }));

  useEffect(() => {
    let live = true;
    void call('history:list', { draftId }).then((result) => {
      if (!live) return;
      if (result.ok) setEntries(result.value.entries);
      else setProblem(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [draftId]);

  useEffect(() => {
    if (selected === null) return;
    let live = true;
    void call('history:get', { draftId, seq: selected }).then((result) => {
      if (!live) return;
      if (result.ok) setVersion(result.value);
      else setProblem(result.error.message);
    });
    return () => {
      live = false;
    };
  }, [draftId, selected]);

  const changes = useMemo(() => (version ? diffArticles(version, current) : null), [version, current]);

  const restore = async (): Promise<void> => {
    if (!version) return;
    setRestoring(true);
    setProblem(null);
    // The text on screen is stored first, so "Before restoring" holds the latest words.
    await session.flush();
    const result = await call('history:restore', { draftId, seq: version.entry.seq });
    setRestoring(false);
    if (!result.ok) {
      setProblem(result.error.message);
      return;
    }
    onRestored(result.value);
  };

  return (
    <ModalDialog title="History" onClose={onClose} className="history-dialog">
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <div className="history-columns">
        {entries === null ? (
          <p className="empty-state">Reading the History…</p>
        ) : entries.length === 0 ? (
          <p className="empty-state">No versions yet. One is recorded as soon as you write.</p>
        ) : (
          <ol className="history-list" aria-label="Revisions">
            {entries.map((entry) => (
              <li key={entry.seq}>
                <button
                  type="button"
                  className="history-entry"
                  aria-current={entry.seq === selected ? 'true' : undefined}
                  onClick={() => setSelected(entry.seq)}
                >
                  <span className="history-when">{formatWhen(entry.savedAt)}</span>
                  <span className="history-reason">{entry.label}</span>
                  <span className="history-size">
                    {entry.wordCount === 1 ? '1 word' : `${entry.wordCount.toLocaleString('en-GB')} words`},{' '}
                    {formatSize(entry.size)}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        )}
        <section className="history-detail" aria-label="Changes" aria-live="polite">
          {selected === null ? (
            <p className="empty-state">Choose a version to see how it differs from the current article.</p>
          ) : version === null || changes === null || version.entry.seq !== selected ? (
            <p className="empty-state">Comparing…</p>
          ) : (
            <>
              <h3>
                {version.entry.label} — {formatWhen(version.entry.savedAt)}
              </h3>
              <DiffView
                changes={changes}
                olderName={`the version of ${formatWhen(version.entry.savedAt)}`}
                newerName="the current article"
              />
              <p className="history-restore-note">
                Restoring keeps the current text in History, so you can come back to it.
              </p>
              <button type="button" className="primary" disabled={restoring} onClick={() => void restore()}>
                Restore this version
              </button>
            </>
          )}
        </section>
      </div>
    </ModalDialog>
  );
}
