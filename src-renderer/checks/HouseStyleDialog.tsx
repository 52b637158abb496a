// "Edit house style": the style sheet file (house-style.yaml in the data
// folder) in a text box. Saving checks it first; a mistake is shown and the
// file is left as it was.
import { useEffect, useId, useState } from 'react';
import { call } from '../api';
import { ModalDialog } from '../publish/ModalDialog';

export function HouseStyleDialog({ onClose }: { onClose(): void }): React.JSX.Element {
  const [text, setText] = useState<string | null>(null);
  const [path, setPath] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const hintId = useId();

  useEffect(() => {
    void call('checks:getStyleSheet', {}).then((result) => {
      if (!result.ok) {
        setMessage({ error: true, text: result.error.message });
        return;
      }
      setText(result.value.text);
      setPath(result.value.path);
      if (result.value.error) setMessage({ error: true, text: result.value.error });
    });
  }, []);

  const save = async (): Promise<void> => {
    if (text === null) return;
    const result = await call('checks:saveStyleSheet', { text });
    if (result.ok) setMessage({ error: false, text: `Saved to ${result.value.path}.` });
    else setMessage({ error: true, text: result.error.message });
  };

  return (
    <ModalDialog title="House style" onClose={onClose} className="house-style-dialog">
      <p id={hintId} className="field-hint">
        Preferred spellings, forbidden words, the numbers rule and length limits. Stored in{' '}
        {path || 'the data folder'}; you may also edit that file in any text editor.
      </p>
      <label className="field">
        <span className="field-label">Style sheet</span>
        <textarea
          rows={18}
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
          Save house style
        </button>
      </div>
    </ModalDialog>
  );
}
