// Puts images into the body: the "Insert image" button (file picker), files
// dropped on the body, and image files or data pasted into it. While the
// bytes are stored, a small preview shows: a worker decodes the file at a
// reduced scale (downscaledPreview.ts; a 24 MP JPEG shows sooner than a plain
// <img> of it would) and the bitmap is painted into a <canvas>; a file that
// path cannot decode shows as a plain <img> of its blob: URL instead. The
// import waits for the preview (at most PREVIEW_HEAD_START_MS) so the two do
// not share the cores until the editor sees something. The figure is inserted
// only once the store accepted the bytes, so a refused file leaves the draft
// exactly as it was.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
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
import { downscaledPreview, warmPreviewWorker } from './downscaledPreview';
import { carriesFiles, imageFilesOf, importImageFile } from './importImageFile';
import './images.css';

/** How long the import waits for the preview before it starts anyway. */
const PREVIEW_HEAD_START_MS = 400;

/** A decoded bitmap (with its size: transferring it to the canvas empties it), or the file's own blob: URL. */
type Preview =
  { kind: 'bitmap'; bitmap: ImageBitmap; width: number; height: number } | { kind: 'url'; url: string };

interface PendingImage {
  id: number;
  name: string;
  /** null until the worker answered. */
  preview: Preview | null;
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

function BitmapPreview({ preview }: { preview: Extract<Preview, { kind: 'bitmap' }> }): React.JSX.Element {
  const canvas = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const { bitmap } = preview;
    // A bitmap can be handed over once; after that its width is 0.
    if (!canvas.current || bitmap.width === 0) return;
    const context = canvas.current.getContext('bitmaprenderer');
    if (context) context.transferFromImageBitmap(bitmap);
    else bitmap.close();
  }, [preview]);
  return (
    <canvas
      ref={canvas}
      width={preview.width}
      height={preview.height}
      className="image-pending-preview"
      aria-hidden="true"
    />
  );
}

function PendingPreview({ preview }: { preview: Preview | null }): React.JSX.Element {
  if (!preview) return <span className="image-pending-placeholder" aria-hidden="true" />;
  if (preview.kind === 'bitmap') return <BitmapPreview preview={preview} />;
  return <img src={preview.url} alt="" decoding="async" className="image-pending-preview" />;
}

export function InsertImagePlugin(): React.JSX.Element {
  const [editor] = useLexicalComposerContext();
  const [pending, setPending] = useState<PendingImage[]>([]);
  const [message, setMessage] = useState<{ kind: 'error' | 'notice'; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const nextId = useRef(1);
  /** Previews of the files still pending, to release (close or revoke) when each is done. */
  const previews = useRef(new Map<number, Preview | null>());

  /** Resolves once the file's preview is in the list (or the file is no longer pending). */
  const showPreview = useCallback(async (id: number, file: File): Promise<void> => {
    const bitmap = await downscaledPreview(file);
    if (!previews.current.has(id)) {
      bitmap?.close();
      return;
    }
    const preview: Preview = bitmap
      ? { kind: 'bitmap', bitmap, width: bitmap.width, height: bitmap.height }
      : { kind: 'url', url: URL.createObjectURL(file) };
    previews.current.set(id, preview);
    setPending((list) => list.map((p) => (p.id === id ? { ...p, preview } : p)));
  }, []);

  const importFiles = useCallback(
    async (files: File[], at?: StaticRange | null): Promise<void> => {
      setMessage(null);
      for (const file of files) {
        const item: PendingImage = { id: nextId.current++, name: file.name || 'pasted image', preview: null };
        previews.current.set(item.id, null);
        setPending((list) => [...list, item]);
        const shown = showPreview(item.id, file);
        await Promise.race([shown, new Promise((resolve) => setTimeout(resolve, PREVIEW_HEAD_START_MS))]);
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
          const preview = previews.current.get(item.id);
          previews.current.delete(item.id);
          if (preview?.kind === 'url') URL.revokeObjectURL(preview.url);
          // Already empty once the canvas took it; closing an empty bitmap does nothing.
          if (preview?.kind === 'bitmap') preview.bitmap.close();
        }
      }
    },
    [editor, showPreview],
  );

  // The worker loads while the page is idle, not when the first file arrives.
  useEffect(() => {
    const handle = requestIdleCallback(warmPreviewWorker, { timeout: 5000 });
    return () => cancelIdleCallback(handle);
  }, []);

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
          <PendingPreview preview={item.preview} />
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
