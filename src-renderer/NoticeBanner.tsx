import type { Notice } from '../src-shared/ipc';

/** Start-up notices (a damaged database moved aside, a backup restored) the editor must hear about. */
export function NoticeBanner({
  notices,
  onDismiss,
}: {
  notices: Notice[];
  onDismiss: () => void;
}): React.JSX.Element | null {
  if (notices.length === 0) return null;
  const level = notices.some((n) => n.level === 'error')
    ? 'error'
    : notices.some((n) => n.level === 'warning')
      ? 'warning'
      : 'info';
  return (
    <div className={`notice-banner notice-${level}`} role="alert">
      <ul>
        {notices.map((notice, index) => (
          <li key={index}>{notice.message}</li>
        ))}
      </ul>
      <button type="button" className="quiet" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
