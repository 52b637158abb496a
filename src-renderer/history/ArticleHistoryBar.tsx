// The open article's workflow row: combobox "Status", button "History" (and
// its dialog), and the notice shown when a save was refused because the
// draft was saved elsewhere (both versions are then in History).
import { useState, useSyncExternalStore } from 'react';
import type { Draft } from '../../src-shared/article';
import { call } from '../api';
import type { DraftSession } from '../autosave/draftSession';
import { HistoryDialog } from './HistoryDialog';
import { StatusField } from './StatusField';
import './history.css';

export interface ArticleHistoryBarProps {
  draft: Draft;
  session: DraftSession;
  disabled: boolean;
  /**
   * The stored draft changed outside the editor. `reload` is true when its
   * text changed (a restore, or showing the newer version after a conflict):
   * the owner then opens it afresh.
   */
  onDraftChanged(draft: Draft, reload: boolean): void;
}

export function ArticleHistoryBar({
  draft,
  session,
  disabled,
  onDraftChanged,
}: ArticleHistoryBarProps): React.JSX.Element {
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const conflict = useSyncExternalStore(session.subscribe, () => session.getConflict());

  const showStored = async (): Promise<void> => {
    const result = await call('drafts:get', { id: draft.id });
    if (result.ok) onDraftChanged(result.value, true);
    else setProblem(result.error.message);
  };

  return (
    <div className="history-bar">
      <StatusField
        draft={draft}
        session={session}
        disabled={disabled}
        onStatusChanged={(next) => onDraftChanged(next, false)}
      />
      <button type="button" className="history-button" onClick={() => setOpen(true)}>
        History
      </button>
      {conflict !== null && (
        <div className="save-conflict" role="alert">
          <p>{conflict}</p>
          <p>What you type now is kept in History, never saved over the newer version.</p>
          <div className="save-conflict-actions">
            <button type="button" onClick={() => setOpen(true)}>
              Compare in History
            </button>
            <button type="button" className="quiet" onClick={() => void showStored()}>
              Show the saved version
            </button>
          </div>
        </div>
      )}
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {open && (
        <HistoryDialog
          draftId={draft.id}
          session={session}
          fallbackBody={draft.body}
          onClose={() => setOpen(false)}
          onRestored={(restored) => {
            setOpen(false);
            onDraftChanged(restored, true);
          }}
        />
      )}
    </div>
  );
}
