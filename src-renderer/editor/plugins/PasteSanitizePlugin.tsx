import { useEffect, useState } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $insertDataTransferForRichText } from '@lexical/clipboard';
import { $getSelection, COMMAND_PRIORITY_HIGH, PASTE_COMMAND, PASTE_TAG } from 'lexical';
import { sanitizedDataTransfer } from '../sanitizePastedHtml';
import '../../import/import.css';

/** How long the "Removed 14 styles, 2 tracking links" note stays. */
const NOTE_MS = 8_000;

/**
 * Cleans pasted HTML (sanitizePastedHtml.ts) before Lexical imports it and
 * says briefly what was removed. Pastes of files go to the default handler.
 */
export function PasteSanitizePlugin(): React.JSX.Element | null {
  const [editor] = useLexicalComposerContext();
  const [note, setNote] = useState<{ text: string; id: number } | null>(null);
  useEffect(
    () =>
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          if (!(event instanceof ClipboardEvent) || event.clipboardData === null) return false;
          const data = event.clipboardData;
          if (data.files.length > 0 || !data.types.includes('text/html')) return false;
          event.preventDefault();
          const { transfer, note: cleaned } = sanitizedDataTransfer(data);
          editor.update(
            () => {
              const selection = $getSelection();
              if (selection !== null) $insertDataTransferForRichText(transfer, selection, editor);
            },
            { tag: PASTE_TAG },
          );
          setNote(cleaned === null ? null : { text: `Pasted text cleaned. ${cleaned}.`, id: Date.now() });
          return true;
        },
        COMMAND_PRIORITY_HIGH,
      ),
    [editor],
  );
  useEffect(() => {
    if (note === null) return;
    const timer = window.setTimeout(() => setNote(null), NOTE_MS);
    return () => window.clearTimeout(timer);
  }, [note]);
  return (
    <div role="status" aria-label="Paste cleanup" className="paste-note" hidden={note === null}>
      {note?.text}
    </div>
  );
}
