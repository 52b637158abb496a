// The link field: opened by the toolbar's "Link" button or Ctrl/Cmd+K.
// Refuses anything but http(s)/mailto with a visible message.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $createTextNode,
  $getSelection,
  $isRangeSelection,
  $setSelection,
  COMMAND_PRIORITY_EDITOR,
  type BaseSelection,
} from 'lexical';
import { $createLinkNode, $isLinkNode, $toggleLink } from '@lexical/link';
import { $findMatchingParent } from '@lexical/utils';
import { OPEN_LINK_EDITOR_COMMAND } from '../commands';
import { checkLinkInput } from '../linkUrl';

interface OpenLink {
  selection: BaseSelection | null;
  existingUrl: string | null;
}

export function LinkEditorPlugin({
  refusedMessage,
}: {
  refusedMessage: string | null;
}): React.JSX.Element | null {
  const [editor] = useLexicalComposerContext();
  const [open, setOpen] = useState<OpenLink | null>(null);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const fieldId = useId();
  const errorId = useId();

  useEffect(
    () =>
      editor.registerCommand(
        OPEN_LINK_EDITOR_COMMAND,
        () => {
          const selection = $getSelection();
          let existingUrl: string | null = null;
          if ($isRangeSelection(selection)) {
            const node = selection.anchor.getNode();
            const link = $isLinkNode(node) ? node : $findMatchingParent(node, $isLinkNode);
            if ($isLinkNode(link)) existingUrl = link.getURL();
          }
          setOpen({ selection: selection ? selection.clone() : null, existingUrl });
          setValue(existingUrl ?? '');
          setError(null);
          return true;
        },
        COMMAND_PRIORITY_EDITOR,
      ),
    [editor],
  );

  useEffect(() => {
    if (open) inputRef.current?.focus();
  }, [open]);

  const close = useCallback(() => {
    setOpen(null);
    setError(null);
    editor.focus();
  }, [editor]);

  const apply = (url: string | null): void => {
    if (!open) return;
    editor.update(() => {
      if (open.selection) $setSelection(open.selection.clone());
      const selection = $getSelection();
      if (
        url !== null &&
        $isRangeSelection(selection) &&
        selection.isCollapsed() &&
        open.existingUrl === null
      ) {
        selection.insertNodes([$createLinkNode(url).append($createTextNode(url))]);
      } else {
        $toggleLink(url);
      }
    });
    close();
  };

  const submit = (event: React.FormEvent): void => {
    event.preventDefault();
    const check = checkLinkInput(value);
    if (!check.ok) {
      setError(check.message);
      inputRef.current?.focus();
      return;
    }
    apply(check.url);
  };

  return (
    <>
      {refusedMessage && !open && (
        <p className="link-refused" role="alert">
          {refusedMessage}
        </p>
      )}
      {open && (
        <form
          className="link-editor"
          onSubmit={submit}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              close();
            }
          }}
        >
          <label htmlFor={fieldId}>Link address</label>
          <input
            id={fieldId}
            ref={inputRef}
            type="text"
            inputMode="url"
            spellCheck={false}
            value={value}
            placeholder="https://…"
            aria-invalid={error !== null}
            aria-describedby={error ? errorId : undefined}
            onChange={(event) => {
              setValue(event.target.value);
              setError(null);
            }}
          />
          <button type="submit">Apply link</button>
          {open.existingUrl !== null && (
            <button type="button" onClick={() => apply(null)}>
              Remove link
            </button>
          )}
          <button type="button" onClick={close}>
            Cancel
          </button>
          {error && (
            <p id={errorId} className="field-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </>
  );
}
