// What an image-figure node shows in the body: the image, its Caption,
// Credit and Alt text fields, warnings while alt text or credit are empty,
// and the controls to replace, remove (undoable), move and promote it.
import { useEffect, useRef } from 'react';
import {
  $getNodeByKey,
  stopLexicalPropagation,
  type LexicalEditor,
  type LexicalNode,
  type NodeKey,
} from 'lexical';
import { mediaUrl, type ImageRef } from '../../src-shared/image';
import { IMAGE_FIGURE_TYPE } from '../../src-shared/render/renderArticle';
import { ImageFields, type ImageTextPatch } from './ImageFields';
import { ImportMessage, useImageImport } from './useImageImport';
import { useLeadImageSetter } from './leadImageContext';

/** Events that must stay with the figure's own controls instead of reaching the body editor. */
const CONTROL_EVENTS = [
  'keydown',
  'keyup',
  'keypress',
  'beforeinput',
  'input',
  'compositionstart',
  'compositionend',
  'paste',
  'cut',
  'copy',
  'drop',
  'dragover',
  'dragstart',
  'dragend',
  'pointerdown',
  'click',
  'focus',
  'blur',
] as const;

/** Marks events from inside `element` as handled for Lexical; they still reach React. */
export function useKeepEventsFromEditor(element: React.RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const target = element.current;
    if (!target) return;
    const mark = (event: Event): void => stopLexicalPropagation(event);
    for (const name of CONTROL_EVENTS) target.addEventListener(name, mark);
    return () => {
      for (const name of CONTROL_EVENTS) target.removeEventListener(name, mark);
    };
  }, [element]);
}

/** Replacing keeps what the editor wrote; the new file's own metadata fills only what is empty. */
export function mergeReplacement(current: ImageRef, next: ImageRef): ImageRef {
  const keep = (field: 'caption' | 'credit' | 'copyright'): { value: string; fromFile: boolean } =>
    current[field].trim() !== '' && !current.fromFile[field]
      ? { value: current[field], fromFile: false }
      : { value: next[field] || current[field], fromFile: next[field] !== '' ? next.fromFile[field] : false };
  const caption = keep('caption');
  const credit = keep('credit');
  const copyright = keep('copyright');
  return {
    ...next,
    caption: caption.value,
    credit: credit.value,
    copyright: copyright.value,
    alt: current.alt,
    fromFile: { caption: caption.fromFile, credit: credit.fromFile, copyright: copyright.fromFile },
  };
}

/** What this component needs of its node; checked by type name so the node module is not imported back. */
interface ImageFigureNodeLike extends LexicalNode {
  getImage(): ImageRef;
  setImage(image: ImageRef): void;
}

function $isImageFigureNode(node: LexicalNode | null): node is ImageFigureNodeLike {
  return node !== null && node.getType() === IMAGE_FIGURE_TYPE;
}

interface ImageFigureProps {
  editor: LexicalEditor;
  nodeKey: NodeKey;
  image: ImageRef;
}

export function ImageFigure({ editor, nodeKey, image }: ImageFigureProps): React.JSX.Element {
  const controls = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const promoteToLead = useLeadImageSetter();
  const editable = editor.isEditable();
  useKeepEventsFromEditor(controls);

  const updateNode = (change: (current: ImageRef) => ImageRef): void => {
    editor.update(() => {
      const node = $getNodeByKey(nodeKey);
      if ($isImageFigureNode(node)) node.setImage(change(node.getImage()));
    });
  };
  const onFieldsChange = (patch: ImageTextPatch): void => updateNode((current) => ({ ...current, ...patch }));

  const move = (direction: 'up' | 'down'): void => {
    editor.update(() => {
      const node = $getNodeByKey(nodeKey);
      if (!$isImageFigureNode(node)) return;
      if (direction === 'up') node.getPreviousSibling()?.insertBefore(node);
      else node.getNextSibling()?.insertAfter(node);
    });
  };

  const remove = (): void => {
    editor.update(() => {
      $getNodeByKey(nodeKey)?.remove();
    });
  };

  const {
    busy,
    message,
    importFile: replace,
  } = useImageImport((replacement) => updateNode((current) => mergeReplacement(current, replacement)));

  const label = image.caption.trim() !== '' ? image.caption.trim() : 'Image without caption';

  return (
    <figure className="image-figure" aria-label={label}>
      <img
        className="image-figure-img"
        src={mediaUrl(image.hash)}
        alt={image.alt}
        width={image.width}
        height={image.height}
        decoding="async"
        draggable={false}
      />
      <div ref={controls} className="image-figure-controls">
        <ImageFields image={image} disabled={!editable} onChange={onFieldsChange} />
        <ImportMessage message={message} />
        <div className="image-figure-actions">
          <button type="button" disabled={!editable || busy} onClick={() => fileInput.current?.click()}>
            {busy ? 'Replacing…' : 'Replace image'}
          </button>
          <button type="button" disabled={!editable} onClick={remove}>
            Remove image
          </button>
          <button type="button" disabled={!editable} onClick={() => move('up')}>
            Move up
          </button>
          <button type="button" disabled={!editable} onClick={() => move('down')}>
            Move down
          </button>
          {promoteToLead && (
            <button type="button" disabled={!editable} onClick={() => promoteToLead(image)}>
              Use as lead image
            </button>
          )}
          <input
            ref={fileInput}
            type="file"
            accept="image/*"
            hidden
            aria-label="Replacement image file"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void replace(file);
            }}
          />
        </div>
      </div>
    </figure>
  );
}
