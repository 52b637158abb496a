// "Edit spam list": the link hosts the pre-publish check blocks and every
// import drops (src-shared/spamList.ts), one per line. The shipped list
// applies until the desk saves its own.
import { useEffect, useId, useState } from 'react';
import { call } from '../api';
import { ModalDialog } from '../publish/ModalDialog';

export function SpamListDialog({ onClose }: { onClose(): void }): React.JSX.Element {
  const [text, setText] = useState<string | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const hintId = useId();

  useEffect(() => {
    void call('publish:getSettings', {}).then((result) => {
      if (!result.ok) {
        setMessage({ error: true, text: result.error.message });
        return;
      }
      setText(result.value.spamDomains.join('\n'));
    });
  }, []);

  const save = async (): Promise<void> => {
    if (text === null) return;
    const entries = text.split('\n');
    const result = await call('publish:saveSettings', { spamDomains: entries });
    if (!result.ok) {
      setMessage({ error: true, text: result.error.message });
      return;
    }
    setText(result.value.spamDomains.join('\n'));
    const count = result.value.spamDomains.length;
    setMessage({
      error: false,
      text: `Saved: ${count} ${count === 1 ? 'entry' : 'entries'} on the spam list.`,
    });
  };

  return (
    <ModalDialog title="Spam list" onClose={onClose} className="house-style-dialog">
      <p id={hintId} className="field-hint">
        One entry a line. A domain (spam.example) covers its subdomains; a word between stars
        (*online-casino*) covers every address containing it. Links to these are blocked before publishing and
        dropped on import.
      </p>
      <label className="field">
        <span className="field-label">Spam domains</span>
        <textarea
          rows={14}
          wrap="off"
          spellCheck={false}
          aria-describedby={hintId}
          value={text ?? ''}
          disabled={text === null}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      {message && (
        <p
          role={message.error ? 'alert' : 'status'}
          className={message.error ? 'checks-error' : 'checks-notice'}
        >
          {message.text}
        </p>
      )}
      <div className="checks-dialog-actions">
        <button type="button" className="primary" disabled={text === null} onClick={() => void save()}>
          Save spam list
        </button>
      </div>
    </ModalDialog>
  );
}
