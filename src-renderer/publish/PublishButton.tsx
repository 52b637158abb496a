// The article header's "Publish" button and the dialog it opens.
import { useState } from 'react';
import type { Finding } from '../../src-shared/checks/prePublishChecks';
import { focusFinding } from './focusFinding';
import { PublishDialog } from './PublishDialog';

interface PublishButtonProps {
  draftId: string;
  /** Stores the open draft now (the checks and the snapshot read the stored draft). */
  flush(): Promise<void>;
  disabled?: boolean;
}

export function PublishButton({ draftId, flush, disabled = false }: PublishButtonProps): React.JSX.Element {
  const [open, setOpen] = useState(false);

  const jump = (finding: Finding): void => {
    setOpen(false);
    // After the dialog has closed and the form is no longer inert.
    window.setTimeout(() => focusFinding(finding), 0);
  };

  return (
    <>
      <button
        type="button"
        className="primary publish-button"
        disabled={disabled}
        onClick={() => setOpen(true)}
      >
        Publish
      </button>
      {open && <PublishDialog draftId={draftId} flush={flush} onClose={() => setOpen(false)} onJump={jump} />}
    </>
  );
}
