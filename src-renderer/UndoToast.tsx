import { useEffect, useState } from 'react';

export interface ToastState {
  message: string;
  draftId: string;
}

const TOAST_MS = 8000;

/** "Moved to the trash — Undo". Stays while the pointer or focus is on it. */
export function UndoToast({
  toast,
  onUndo,
  onClose,
}: {
  toast: ToastState;
  onUndo: (draftId: string) => void;
  onClose: () => void;
}): React.JSX.Element {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (held) return;
    const timer = window.setTimeout(onClose, TOAST_MS);
    return () => window.clearTimeout(timer);
  }, [toast, held, onClose]);
  return (
    <div
      className="toast"
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
    >
      <span>{toast.message}</span>
      <button type="button" aria-label="Undo delete" onClick={() => onUndo(toast.draftId)}>
        Undo
      </button>
      <button type="button" className="quiet" aria-label="Close message" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
