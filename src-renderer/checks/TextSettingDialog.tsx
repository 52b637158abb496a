// A setting kept as text the editor edits in a box (the house style sheet,
// the spam list): load it, edit, save; the service checks it and either
// answers with what it stored or with a message, shown in the dialog.
import { useEffect, useId, useState } from 'react';
import { ModalDialog } from '../publish/ModalDialog';

export type TextSettingAnswer = { ok: true; text?: string; message: string } | { ok: false; message: string };

export interface TextSettingDialogProps {
  title: string;
  /** What the text is and where it lives. */
  hint: React.ReactNode;
  label: string;
  saveLabel: string;
  rows: number;
  /** The stored text, or a message; `warning` is shown beside a text that loaded with a problem. */
  load(): Promise<{ ok: true; text: string; warning?: string | null } | { ok: false; message: string }>;
  save(text: string): Promise<TextSettingAnswer>;
  onClose(): void;
}

export function TextSettingDialog(props: TextSettingDialogProps): React.JSX.Element {
  const { load, save } = props;
  const [text, setText] = useState<string | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const hintId = useId();

  useEffect(() => {
    void load().then((loaded) => {
      if (!loaded.ok) {
        setMessage({ error: true, text: loaded.message });
        return;
      }
      setText(loaded.text);
      if (loaded.warning) setMessage({ error: true, text: loaded.warning });
    });
  }, [load]);

  const onSave = async (): Promise<void> => {
    if (text === null) return;
    const answer = await save(text);
    if (answer.ok && answer.text !== undefined) setText(answer.text);
    setMessage({ error: !answer.ok, text: answer.message });
  };

  return (
    <ModalDialog title={props.title} onClose={props.onClose} className="house-style-dialog">
      <p id={hintId} className="field-hint">
        {props.hint}
      </p>
      <label className="field">
        <span className="field-label">{props.label}</span>
        <textarea
          rows={props.rows}
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
        <button type="button" className="primary" disabled={text === null} onClick={() => void onSave()}>
          {props.saveLabel}
        </button>
      </div>
    </ModalDialog>
  );
}
