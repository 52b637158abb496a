// Puts images into the body: the "Insert image" button (file picker), files
// dropped on the body, and image files or data pasted into it. A preview of
// the file shows at once (blob: URL, decoded off the UI thread) while the
// bytes are stored; the figure is inserted only once the store accepted
// them, so a refused file leaves the draft exactly as it was.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $insertNodeToNearestRoot, mergeRegister } from '@lexical/utils';
import {
  $createParagraphNode,
  $createRangeSelection,
  $getRoot,
  $getSelection,
  $isNodeSelection,
  $isRangeSelection,
  $setSelection,
  COMMAND_PRIORITY_HIGH,
  DRAGOVER_COMMAND,
  DROP_COMMAND,
  PASTE_COMMAND,
  type LexicalEditor,
} from 'lexical';
import type { ImageRef } from '../../src-shared/image';
import { $createImageFigureNode } from './ImageFigureNode';
import { carriesFiles, imageFilesOf, importImageFile } from './importImageFile';
import './images.css';

interface PendingImage {
  id: number;
  name: string;
  previewUrl: string;
}

/** Inserts a figure at the selection (splitting the paragraph) or at the end; keeps a paragraph after it. */
export function insertImageFigure(editor: LexicalEditor, image: ImageRef, at?: StaticRange | null): void {
  editor.update(() => {
    if (at) {
      const selection = $createRangeSelection();
      selection.applyDOMRange(at);
      $setSelection(selection);
    }
    const node = $createImageFigureNode(image);
    const selection = $getSelection();
    if ($isRangeSelection(selection) || $isNodeSelection(selection)) $insertNodeToNearestRoot(node);
    else $getRoot().append(node);
    if (node.getNextSibling() === null) node.insertAfter($createParagraphNode());
  });
}

function rangeAtPoint(x: number, y: number): StaticRange | null {
  const range = document.caretRangeFromPoint?.(x, y);
  return range ? new StaticRange(range) : null;
}

export function InsertImagePlugin(): React.JSX.Element {
  const [editor] = useLexicalComposerContext();
  const [pending, setPending] = useState<PendingImage[]>([]);
  const [message, setMessage] = useState<{ kind: 'error' | 'notice'; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const nextId = useRef(1);

  const importFiles = useCallback(
    async (files: File[], at?: StaticRange | null): Promise<void> => {
      setMessage(null);
      for (const file of files) {
        const item: PendingImage = {
          id: nextId.current++,
          name: file.name || 'pasted image',
          previewUrl: URL.createObjectURL(file),
        };
        setPending((list) => [...list, item]);
        try {
          const outcome = await importImageFile(file);
          if (!outcome.ok) {
            setMessage({ kind: 'error', text: outcome.message });
            continue;
          }
          if (outcome.notice) setMessage({ kind: 'notice', text: outcome.notice });
          insertImageFigure(editor, outcome.image, at);
          at = null;
        } finally {
          setPending((list) => list.filter((p) => p.id !== item.id));
          URL.revokeObjectURL(item.previewUrl);
        }
      }
    },
    [editor],
  );

  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          DRAGOVER_COMMAND,
          (event) => {
            if (!carriesFiles(event.dataTransfer)) return false;
            event.preventDefault();
            if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
            return true;
          },
          COMMAND_PRIORITY_HIGH,
        ),
        editor.registerCommand(
          DROP_COMMAND,
          (event) => {
            if (!carriesFiles(event.dataTransfer)) return false;
            // Never let the browser open a dropped file in place of the app.
            event.preventDefault();
            const files = imageFilesOf(event.dataTransfer);
            const all = Array.from(event.dataTransfer?.files ?? []);
            void importFiles(files.length > 0 ? files : all, rangeAtPoint(event.clientX, event.clientY));
            return true;
          },
          COMMAND_PRIORITY_HIGH,
        ),
        editor.registerCommand(
          PASTE_COMMAND,
          (event) => {
            const data = event instanceof ClipboardEvent ? event.clipboardData : null;
            const files = imageFilesOf(data);
            if (files.length === 0) return false;
            event.preventDefault();
            void importFiles(files);
            return true;
          },
          COMMAND_PRIORITY_HIGH,
        ),
      ),
    [editor, importFiles],
  );

  return (
    <div className="image-insert">
      <button type="button" onClick={() => fileInput.current?.click()} disabled={!editor.isEditable()}>
        Insert image
      </button>
      <input
        ref={fileInput}
        type="file"
        accept="image/*"
        multiple
        hidden
        aria-label="Image file to insert"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          if (files.length > 0) void importFiles(files);
        }}
      />
      {pending.map((item) => (
        <div key={item.id} className="image-pending" aria-live="polite">
          <img src={item.previewUrl} alt="" decoding="async" className="image-pending-preview" />
          <span>Adding {item.name}…</span>
        </div>
      ))}
      {message && (
        <p
          className={message.kind === 'error' ? 'image-error' : 'image-notice'}
          role={message.kind === 'error' ? 'alert' : 'status'}
        >
          {message.text}
          <button
            type="button"
            className="image-message-dismiss"
            onClick={() => setMessage(null)}
            aria-label="Dismiss message"
          >
            ×
          </button>
        </p>
      )}
    </div>
  );
}
