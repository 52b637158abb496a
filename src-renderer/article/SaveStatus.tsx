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

/** The status's class: "pending" and "saving" both show as saving. */
function statusLook(state: SaveState): SaveState['kind'] {
  return state.kind === 'pending' ? 'saving' : state.kind;
}

/** The one status region of the desk: tests and screen readers read "Saved" here. */
export function SaveStatus({
  session,
  readOnly,
}: {
  session: DraftSession;
  readOnly: boolean;
}): React.JSX.Element {
  // Subscribed to what is shown, not to the state: "pending" and "saving" look the same, so the
  // save starting (every half second while someone types) renders nothing.
  const text = useSyncExternalStore(session.subscribe, () => saveStatusText(session.getState()));
  const look = useSyncExternalStore(session.subscribe, () => statusLook(session.getState()));
  return (
    <p role="status" className={`save-status save-status-${readOnly ? 'failed' : look}`}>
      {readOnly ? 'Not editable: this draft could not be opened.' : text}
    </p>
  );
}
