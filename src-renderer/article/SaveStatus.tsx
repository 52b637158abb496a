import { useSyncExternalStore } from 'react';
import type { DraftSession } from '../autosave/draftSession';
import type { SaveState } from '../autosave/autosaveScheduler';
import { formatClock } from '../format';

export function saveStatusText(state: SaveState): string {
  switch (state.kind) {
    case 'idle':
      return '';
    case 'pending':
    case 'saving':
      return 'Saving…';
    case 'saved':
      return `Saved at ${formatClock(state.at)}`;
    case 'failed':
      return `Not saved: ${state.message} Trying again in ${Math.round(state.retryInMs / 1000)} s — your text stays here.`;
  }
}

/** The one status region of the desk: tests and screen readers read "Saved" here. */
export function SaveStatus({
  session,
  readOnly,
}: {
  session: DraftSession;
  readOnly: boolean;
}): React.JSX.Element {
  const state = useSyncExternalStore(session.subscribe, session.getState);
  const text = readOnly ? 'Not editable: this draft could not be opened.' : saveStatusText(state);
  return (
    <p role="status" className={`save-status save-status-${readOnly ? 'failed' : state.kind}`}>
      {text}
    </p>
  );
}
