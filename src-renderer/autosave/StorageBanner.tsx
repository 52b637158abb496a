// The banner the editor sees at once when the store refuses a save (disk
// full, read-only or failing data folder): what failed, that the text is
// still on screen, that Copydesk keeps trying — and a way to keep a copy
// elsewhere meanwhile. It disappears by itself once a save gets through.
import { useState, useSyncExternalStore } from 'react';
import { currentSaveProblem, subscribeSaveHealth } from './saveHealth';
import { saveUnsavedCopies } from './unsavedCopies';

export function useSaveProblem() {
  return useSyncExternalStore(subscribeSaveHealth, currentSaveProblem);
}

export function StorageBanner(): React.JSX.Element | null {
  const problem = useSaveProblem();
  const [copy, setCopy] = useState<{ busy: boolean; text: string | null }>({ busy: false, text: null });
  if (!problem) return null;
  const saveCopy = async (): Promise<void> => {
    setCopy({ busy: true, text: null });
    const outcome = await saveUnsavedCopies();
    setCopy({
      busy: false,
      text:
        outcome.problem ??
        (outcome.paths.length === 0
          ? 'Everything is stored now; no copy was needed.'
          : `A copy is in ${outcome.paths.join(' and ')}.`),
    });
  };
  return (
    <div className="storage-banner" role="alert">
      <div>
        <p>
          <strong>Your latest changes are not saved.</strong> {problem.message}
        </p>
        <p>
          Your text is still on screen. Copydesk keeps trying to save it; publishing waits until it is stored.
        </p>
        {copy.text && <p className="storage-banner-copy">{copy.text}</p>}
      </div>
      <button type="button" onClick={() => void saveCopy()} disabled={copy.busy}>
        Save a copy to a file
      </button>
    </div>
  );
}

/** One line for the Publish dialog: why publishing is waiting. */
export function SaveWaitNotice(): React.JSX.Element | null {
  const problem = useSaveProblem();
  if (!problem) return null;
  return (
    <p className="save-wait-notice" role="status">
      Publishing waits until this draft is saved: {problem.message}
    </p>
  );
}
