// "Preview": the stored article exactly as the publish renderer produces it,
// in a frame that may run nothing (sandbox="" and the page's own CSP: no
// scripts, no forms, no plugins, an opaque origin), at desktop or mobile width.
import { useEffect, useState } from 'react';
import { call } from '../api';
import { ModalDialog } from '../publish/ModalDialog';
import '../checks/checks.css';

export const PREVIEW_WIDTHS = { desktop: 1024, mobile: 375 } as const;
type Width = keyof typeof PREVIEW_WIDTHS;

export function PreviewDialog({
  draftId,
  flush,
  onClose,
}: {
  draftId: string;
  flush(): Promise<void>;
  onClose(): void;
}): React.JSX.Element {
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [width, setWidth] = useState<Width>('desktop');

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        await flush();
      } catch {
        // The preview shows the last stored version; the save status reports the failure.
      }
      const result = await call('export:preview', { draftId });
      if (cancelled) return;
      if (result.ok) setHtml(result.value.html);
      else setError(result.error.message);
    })();
    return () => {
      cancelled = true;
    };
  }, [draftId, flush]);

  return (
    <ModalDialog title="Preview" onClose={onClose} className="preview-dialog">
      <div className="preview-bar" role="radiogroup" aria-label="Preview width">
        {(Object.keys(PREVIEW_WIDTHS) as Width[]).map((key) => (
          <label key={key} className="preview-width">
            <input
              type="radio"
              name="preview-width"
              value={key}
              checked={width === key}
              onChange={() => setWidth(key)}
            />
            {key === 'desktop' ? 'Desktop' : 'Mobile'}
          </label>
        ))}
        <span className="field-hint">As published: {PREVIEW_WIDTHS[width]} pixels wide</span>
      </div>
      {error && (
        <p className="checks-error" role="alert">
          {error}
        </p>
      )}
      {html === null && !error && <p role="status">Rendering the article…</p>}
      {html !== null && (
        <div className="preview-stage">
          <iframe
            title="Article preview"
            className="preview-frame"
            sandbox=""
            referrerPolicy="no-referrer"
            srcDoc={html}
            style={{ width: `${PREVIEW_WIDTHS[width]}px` }}
          />
        </div>
      )}
    </ModalDialog>
  );
}
