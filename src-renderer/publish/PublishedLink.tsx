// The "View published article" link. Web addresses open in the system browser
// through links:open. A local-folder publish has a file:// address: it opens
// through publish:openLocal, which only opens pages Copydesk itself published,
// and the file's path stays visible with a "Copy path" button.
import { useId, useRef, useState } from 'react';
import { call } from '../api';

export function filePathOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'file:') return null;
  const path = decodeURIComponent(parsed.pathname);
  // file:///C:/Users/… names a Windows drive; the leading slash is not part of the path.
  return /^\/[A-Za-z]:\//.test(path) ? path.slice(1).replaceAll('/', '\\') : path;
}

async function copyText(text: string, fallbackInput: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // The browser shell's page has no clipboard permission: copy a selection instead.
    const field = fallbackInput ?? document.createElement('textarea');
    if (!fallbackInput) {
      field.value = text;
      field.className = 'visually-hidden';
      document.body.append(field);
    }
    field.focus();
    field.select();
    const copied = document.execCommand('copy');
    if (!fallbackInput) field.remove();
    return copied;
  }
}

interface PublishedLinkProps {
  url: string;
  /** Narrow places (the sidebar): the path goes into the button's tooltip instead of a field. */
  compact?: boolean;
}

export function PublishedLink({ url, compact = false }: PublishedLinkProps): React.JSX.Element {
  const path = filePathOf(url);
  const [message, setMessage] = useState<string | null>(null);
  const pathInput = useRef<HTMLInputElement>(null);
  const pathId = useId();

  const copy = async (): Promise<void> => {
    if (path === null) return;
    const copied = await copyText(path, pathInput.current);
    setMessage(
      copied
        ? 'Path copied. Paste it into your web browser’s address bar to see the page.'
        : 'Select the path and copy it with the keyboard.',
    );
  };

  const open = async (event: React.MouseEvent<HTMLAnchorElement>): Promise<void> => {
    event.preventDefault();
    if (path !== null) {
      // The services open only pages they published to a local folder; if that fails, the path can be copied.
      const opened = await call('publish:openLocal', { url });
      if (opened.ok) {
        setMessage(null);
        return;
      }
      if (!compact) {
        pathInput.current?.focus();
        pathInput.current?.select();
      }
      setMessage(opened.error.message);
      return;
    }
    const result = await call('links:open', { url });
    setMessage(result.ok ? null : result.error.message);
  };

  return (
    <div className="published-link">
      <a href={url} onClick={(event) => void open(event)} rel="noreferrer">
        View published article
      </a>
      {path !== null && compact && (
        <button type="button" title={path} onClick={() => void copy()}>
          Copy path
        </button>
      )}
      {path !== null && !compact && (
        <div className="published-path">
          <label className="visually-hidden" htmlFor={pathId}>
            Published file
          </label>
          <input
            id={pathId}
            ref={pathInput}
            type="text"
            readOnly
            value={path}
            spellCheck={false}
            onFocus={(event) => event.currentTarget.select()}
          />
          <button type="button" onClick={() => void copy()}>
            Copy path
          </button>
        </div>
      )}
      {message && (
        <p className="published-link-message" role="status">
          {message}
        </p>
      )}
    </div>
  );
}
