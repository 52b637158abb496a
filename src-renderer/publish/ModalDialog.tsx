// A modal dialog on the native <dialog>: showModal() makes the rest of the
// window inert, Escape closes it, and focus goes back to where it was (unless
// the closer moves it on purpose, e.g. a finding that jumps to its field).
// Tab is kept inside explicitly: Chromium would otherwise let it leave the
// page for the browser's own controls.
import { useEffect, useId, useRef, useSyncExternalStore } from 'react';

export interface ModalDialogProps {
  title: string;
  /** Called for Escape and the close button; the owner unmounts the dialog. */
  onClose(): void;
  /** Element to focus on open; the first focusable control when omitted. */
  initialFocus?: React.RefObject<HTMLElement | null>;
  className?: string;
  children: React.ReactNode;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** When set before the dialog unmounts, focus is not returned to the opener. */
export const focusHandOff = { pending: false };

// How many modal dialogs are open: content behind them is inert, and parts that repeat a
// dialog's controls (the sidebar's Outbox) also leave the accessibility tree then.
let openModals = 0;
const modalListeners = new Set<() => void>();
function setOpenModals(count: number): void {
  openModals = count;
  for (const listener of modalListeners) listener();
}
export function useAnyModalOpen(): boolean {
  return useSyncExternalStore(
    (listener) => {
      modalListeners.add(listener);
      return () => void modalListeners.delete(listener);
    },
    () => openModals > 0,
  );
}

export function ModalDialog({
  title,
  onClose,
  initialFocus,
  className,
  children,
}: ModalDialogProps): React.JSX.Element {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    focusHandOff.pending = false;
    if (!dialog.open) dialog.showModal();
    setOpenModals(openModals + 1);
    const first = initialFocus?.current ?? dialog.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    return () => {
      setOpenModals(openModals - 1);
      if (dialog.open) dialog.close();
      if (focusHandOff.pending) {
        focusHandOff.pending = false;
        return;
      }
      if (opener?.isConnected) opener.focus();
    };
    // Runs once per opening; initialFocus is read at that moment only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const onKeyDown = (event: React.KeyboardEvent<HTMLDialogElement>): void => {
    if (event.key !== 'Tab') return;
    const dialog = dialogRef.current;
    if (!dialog) return;
    const focusable = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
      (element) => element.offsetParent !== null || element === document.activeElement,
    );
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={dialogRef}
      className={`modal${className ? ` ${className}` : ''}`}
      aria-modal="true"
      aria-labelledby={titleId}
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        // Escape: React unmounts the dialog; the native close would race it.
        event.preventDefault();
        onCloseRef.current();
      }}
    >
      <header className="modal-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="quiet modal-close" onClick={() => onCloseRef.current()}>
          Close
        </button>
      </header>
      <div className="modal-body">{children}</div>
    </dialog>
  );
}
